using System.Globalization;
using Infra.Core.Blueprint;
using Infra.Core.Components.Scripts;
using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>
/// The boot script of a Mattermost app node. It holds no secret: the database password is read from
/// Secrets Manager at boot and re-read every few minutes, because RDS rotates the managed password.
/// Settings follow Mattermost's HA guide: cluster on, gossip 8074, config in the database, S3 files,
/// per-node file limits and kernel tuning. The script is the template Scripts/app-node-boot.sh.tpl; the
/// credentials refresher and the systemd units it installs are files of their own beside it.
/// </summary>
public static class UserData
{
    public const string Template = "app-node-boot.sh.tpl";

    public static Value Script(EnvironmentBlueprint bp, DatabaseRefs db, FileStorageRefs files, Value? searchEndpoint, Value logGroupName, Value? licenseSecretArn = null,
        IReadOnlyList<AppSecretRef>? appSecrets = null)
    {
        // Mattermost's own configuration (mattermost:app): plain settings in the static file, secret ones by ARN for the
        // refresher, which reads them from Secrets Manager into the root-only db.env.
        var appSettings = string.Join("\n", MattermostAppSecrets.Variables(bp).Where(v => v.Secret is null)
            .Select(v => $"{v.EnvVar}={EnvironmentFileText.Quote(v.Value!)}"));
        // One line per secret setting, CRED_APP_SECRET_NN=MM_NAME=ARN: the variable and where its value is kept.
        var secretLines = new List<Value>();
        foreach (var (secret, i) in (appSecrets ?? []).Select((s, i) => (s, i)))
        {
            if (i > 0) secretLines.Add("\n");
            secretLines.Add($"CRED_APP_SECRET_{i + 1:00}={secret.Variable.EnvVar}=");
            secretLines.Add(secret.SecretArn);
        }
        var s = bp.Settings;
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
            ["app_settings"] = appSettings,
            ["app_secrets"] = secretLines.Count == 0 ? "" : V.Concat([.. secretLines]),
            ["mattermost_service"] = ScriptFiles.Block("mattermost.service"),
            ["credentials_service"] = ScriptFiles.Block("mattermost-credentials.service"),
            ["credentials_timer"] = ScriptFiles.Block("mattermost-credentials.timer"),
            ["log_group_name"] = logGroupName,
        });
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
