using Infra.Core.Onboarding;

namespace Infra.Cli.Commands;

/// <summary>
/// What the on-boarding commands share: the server URL (--url, else MM_URL), the token (MM_ADMIN_TOKEN or
/// MM_ADMIN_TOKEN_FILE, never an argument), the HTTP handler and the clock (tests pass their own), and the way
/// failures end: a bad token or input is one line and exit 2, a server that keeps failing is one line and exit 4.
/// </summary>
public sealed class MattermostConnection(Func<HttpMessageHandler>? handler = null, ISleeper? sleeper = null, Func<string, string?>? environment = null)
{
    public const int ServerFailed = 4;

    public Func<string, string?> Environment { get; } = environment ?? System.Environment.GetEnvironmentVariable;
    public ISleeper Sleeper { get; } = sleeper ?? new SystemSleeper();

    public MattermostClient Connect(CliContext ctx)
    {
        var url = ctx.Args.Option("url") ?? Environment("MM_URL")
            ?? throw new UsageException("--url (or MM_URL) is required: the Mattermost server, e.g. https://chat.example.org");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) throw new UsageException($"--url: '{url}' is not an absolute URL");
        var token = MattermostToken.Read(Environment);
        return new MattermostClient(uri, token, handler?.Invoke() ?? new SocketsHttpHandler(), Sleeper);
    }

    /// <summary>Runs the command body and turns the on-boarding failures into one line and an exit code.</summary>
    public static int Guard(CliContext ctx, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OnboardingInputException e)
        {
            throw new InputException(e.File, e.Message);
        }
        catch (MattermostAuthException e)
        {
            ctx.Err.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (MattermostApiException e)
        {
            ctx.Err.WriteLine($"error: the server failed: {e.Message}");
            return ServerFailed;
        }
    }
}
