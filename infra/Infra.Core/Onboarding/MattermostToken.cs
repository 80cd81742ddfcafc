namespace Infra.Core.Onboarding;

/// <summary>
/// The administrator's personal access token: from the environment variable MM_ADMIN_TOKEN, or from the file named
/// by MM_ADMIN_TOKEN_FILE. Never from a command-line argument, which would land in shell history and process lists.
/// </summary>
public static class MattermostToken
{
    public const string EnvVar = "MM_ADMIN_TOKEN";
    public const string FileEnvVar = "MM_ADMIN_TOKEN_FILE";

    public static string Read(Func<string, string?> environment)
    {
        var direct = environment(EnvVar);
        if (!string.IsNullOrWhiteSpace(direct)) return direct.Trim();
        var file = environment(FileEnvVar);
        if (!string.IsNullOrWhiteSpace(file))
        {
            if (!File.Exists(file)) throw new MattermostAuthException($"{FileEnvVar}={file}: no such file");
            var text = File.ReadAllText(file).Trim();
            if (text.Length == 0) throw new MattermostAuthException($"{FileEnvVar}={file}: the file is empty");
            return text;
        }
        throw new MattermostAuthException($"no token: set {EnvVar}, or {FileEnvVar} to a file holding a personal access token");
    }
}
