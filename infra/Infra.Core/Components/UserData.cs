using System.Globalization;
using Infra.Core.Blueprint;
using Infra.Core.Catalog;
using Infra.Core.Components.Database;
using Infra.Core.Components.Scripts;
using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>
/// The boot script of a Mattermost app node. It holds no secret: the database credentials are read from Mattermost's
/// own database user's secret at every boot, before Mattermost starts, and re-read every few minutes, because the
/// secret rotates (alternating users). The release is verified against the SHA-256 pinned for its version
/// (Catalog/Data/mattermost-releases.json) before it is unpacked, and the connection strings verify the database
/// server against the region's RDS certificate authorities, which the script writes to the node.
/// Settings follow Mattermost's HA guide: cluster on, gossip 8074, config in the database, S3 files,
/// per-node file limits and kernel tuning. The script is the template Scripts/app-node-boot.sh.tpl; the
/// credentials refresher and the systemd units it installs are files of their own beside it, and the connection-string
/// helper is Database/Scripts/postgres-dsn.sh.
/// </summary>
public static class UserData
{
    public const string Template = "app-node-boot.sh.tpl";

    public static Value Script(EnvironmentBlueprint bp, DatabaseRefs db, FileStorageRefs files, Value? searchEndpoint, Value logGroupName, Value? licenseSecretArn = null)
    {
        var s = bp.Settings;
        var release = MattermostReleases.Find(s.MattermostVersion)
            ?? throw new InvalidOperationException($"Mattermost {s.MattermostVersion} has no pinned SHA-256 in {MattermostReleases.DataFile}; the settings should have refused it");
        var readers = new List<Value>();
        foreach (var reader in db.ReaderEndpoints)
        {
            if (readers.Count > 0) readers.Add(" ");
            readers.Add(reader);
        }
        return ScriptFiles.Template(Template).Fill(new Dictionary<string, Value>
        {
            ["stack"] = s.Stack,
            ["mattermost_version"] = s.MattermostVersion,
            ["mattermost_sha256"] = release.Sha256,
            ["rds_ca_bundle"] = Block(RdsCertificates.BundleFor(s.Region)),
            ["postgres_dsn"] = Block(DatabaseAssets.PostgresDsnScript),
            ["region"] = s.Region,
            ["site_url"] = s.SiteUrl,
            ["max_open_conns"] = Number(Sizing.SizingEngine.MaxOpenConnsPerDataSource),
            ["max_idle_conns"] = Number(Sizing.SizingEngine.MaxOpenConnsPerDataSource / 2),
            ["files_bucket"] = files.BucketName,
            ["cluster_enable"] = s.HighAvailability ? "true" : "false",
            ["cluster_name"] = bp.Prefix,
            ["search_settings"] = searchEndpoint is null
                ? ""
                : ScriptFiles.FillBlock("opensearch.env.tpl", new Dictionary<string, Value> { ["search_endpoint"] = searchEndpoint }),
            ["credentials_refresher"] = ScriptFiles.Block("mattermost-credentials.sh"),
            ["database_secret_arn"] = db.SecretArn,
            ["database_writer"] = db.WriterEndpoint,
            ["database_readers"] = readers.Count == 0 ? "" : V.Concat([.. readers]),
            ["license_setting"] = licenseSecretArn is null ? "" : V.Concat("CRED_LICENSE_ARN=", licenseSecretArn),
            ["mattermost_service"] = ScriptFiles.Block("mattermost.service"),
            ["credentials_service"] = ScriptFiles.Block("mattermost-credentials.service"),
            ["credentials_timer"] = ScriptFiles.Block("mattermost-credentials.timer"),
            ["log_group_name"] = logGroupName,
        });
    }

    /// <summary>The text as a block that stands alone on its line in the template (which supplies the final line break).</summary>
    private static string Block(string text) => text.EndsWith('\n') ? text[..^1] : text;

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
