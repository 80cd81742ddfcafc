using System.Collections.Frozen;

namespace Infra.Core.Policies.Support;

/// <summary>
/// What Mattermost uses for a setting nobody sets, for the settings the configuration policies judge: the value
/// <c>SetDefaults</c> gives a new installation (server/public/model/config.go at 004a635e, the catalogue's commit).
/// A setting the program does not set keeps this value only until someone changes it in the System Console.
/// </summary>
public static class MattermostDefaults
{
    public const string Source = "server/public/model/config.go @ 004a635e, SetDefaults (new installation)";

    public static readonly FrozenDictionary<string, string> Values = new Dictionary<string, string>
    {
        ["EmailSettings.EnableSignUpWithEmail"] = "true",
        ["EmailSettings.EnableSignInWithEmail"] = "true", // defaults to EnableSignUpWithEmail
        ["EmailSettings.EnableSignInWithUsername"] = "true",
        ["EmailSettings.ConnectionSecurity"] = "",
        ["EmailSettings.SkipServerCertificateVerification"] = "false",
        ["LdapSettings.Enable"] = "false",
        ["LdapSettings.ConnectionSecurity"] = "",
        ["LdapSettings.SkipCertificateVerification"] = "false",
        ["SamlSettings.Enable"] = "false",
        ["OpenIdSettings.Enable"] = "false",
        ["Office365Settings.Enable"] = "false",
        ["GoogleSettings.Enable"] = "false",
        ["GitLabSettings.Enable"] = "false",
        ["ServiceSettings.EnableMultifactorAuthentication"] = "false",
        ["ServiceSettings.EnforceMultifactorAuthentication"] = "false",
        ["ServiceSettings.SessionLengthWebInHours"] = "720",
        ["ServiceSettings.SessionLengthMobileInHours"] = "720",
        ["ServiceSettings.SessionLengthSSOInHours"] = "720",
        ["ServiceSettings.MaximumLoginAttempts"] = "10",
        ["PasswordSettings.MinimumLength"] = "8",
        ["TeamSettings.EnableOpenServer"] = "false",
        ["FileSettings.EnablePublicLink"] = "false",
        ["GuestAccountsSettings.Enable"] = "false",
        ["GuestAccountsSettings.RestrictCreationToDomains"] = "",
        ["GuestAccountsSettings.EnforceMultifactorAuthentication"] = "false",
        ["DataRetentionSettings.EnableMessageDeletion"] = "false",
        ["DataRetentionSettings.EnableFileDeletion"] = "false",
        ["DataRetentionSettings.MessageRetentionDays"] = "365",
        ["DataRetentionSettings.FileRetentionDays"] = "365",
        ["MessageExportSettings.EnableExport"] = "false",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
