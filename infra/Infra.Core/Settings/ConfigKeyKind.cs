namespace Infra.Core.Settings;

public enum ConfigKeyKind
{
    Integer,
    Decimal,
    Boolean,
    Choice,
    Text,
    Cidr,
    CidrList,
    StringMap,
    Secret,
    Waivers,
    Calibration,
}
