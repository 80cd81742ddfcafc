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
    /// <summary>Mattermost's own configuration: a map of typed sections (Settings/App/AppFields.cs).</summary>
    App,
}
