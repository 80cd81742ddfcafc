using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Boot;

/// <summary>
/// A local moto server (moto_server on 127.0.0.1, a port the OS picks), started for a test class and stopped with it.
/// The script under test talks to it with the real AWS CLI, pointed at it by <see cref="Environment"/>.
/// </summary>
public sealed partial class MotoServer : IDisposable
{
    public const string Region = "us-east-1";

    private readonly Process _process;

    public MotoServer()
    {
        var info = new ProcessStartInfo("moto_server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-H", "127.0.0.1", "-p", "0" }) info.ArgumentList.Add(a);
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start moto_server");
        // werkzeug prints the address once it listens: that line, not a delay, says the server is ready.
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Read(string? line)
        {
            if (line is null) { ready.TrySetException(new InvalidOperationException($"moto_server ended before it listened:\n{string.Join('\n', log)}")); return; }
            log.Enqueue(line);
            if (Listening().Match(line) is { Success: true } m) ready.TrySetResult(m.Groups[1].Value);
        }
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => Read(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            Dispose();
            throw new TimeoutException($"moto_server did not listen within 60 s:\n{string.Join('\n', log)}");
        }
        Endpoint = ready.Task.Result;
    }

    [GeneratedRegex(@"Running on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    /// <summary>http://127.0.0.1:PORT</summary>
    public string Endpoint { get; }

    /// <summary>What the AWS CLI needs to talk to this server and nothing else: fixed test keys, no shared config, no instance metadata.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["AWS_ENDPOINT_URL"] = Endpoint,
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_DEFAULT_REGION"] = Region,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
    };

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// One Secrets Manager call in the service's JSON protocol, for the test's own setup: the AWS CLI is what the script
    /// under test runs, and starting it for every setup step would cost a Python start each.
    /// </summary>
    public JsonElement SecretsManager(string action, object request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        message.Headers.Add("X-Amz-Target", "secretsmanager." + action);
        // moto reads the service and region from the credential scope; it checks no signature.
        message.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=testing/20260101/{Region}/secretsmanager/aws4_request, SignedHeaders=host, Signature=0");
        using var response = Http.Send(message);
        var body = response.Content.ReadAsStringAsync().Result;
        Assert.True(response.IsSuccessStatusCode, $"secretsmanager {action}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Creates a secret and returns its ARN (moto, like AWS, appends six random characters to the name).</summary>
    public string CreateSecret(string name, string value) =>
        SecretsManager("CreateSecret", new { Name = name, SecretString = value }).GetProperty("ARN").GetString()!;

    public void PutSecretValue(string arn, string value) =>
        SecretsManager("PutSecretValue", new { SecretId = arn, SecretString = value });

    public void DeleteSecret(string arn) =>
        SecretsManager("DeleteSecret", new { SecretId = arn, ForceDeleteWithoutRecovery = true });

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
