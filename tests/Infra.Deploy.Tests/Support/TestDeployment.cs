using System.Collections.Concurrent;
using System.Collections.Immutable;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Pulumi;
using Pulumi.Testing;

namespace Infra.Deploy.Tests.Support;

/// <summary>The result of running a program against the mocks.</summary>
public sealed record DeployedStack(ResourceGraph Graph, ImmutableArray<Resource> Resources, GraphMocks Mocks, Recorder Recorder, IDictionary<string, object?> Outputs);

public static class TestDeployment
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<DeployedStack>>> Stacks = new();

    public static TestOptions Options(string stack, string? root = null) => new()
    {
        StackName = stack,
        ProjectName = "mattermost-infra",
        RootDirectory = root ?? Repo.Root,
        IsPreview = false,
    };

    /// <summary>
    /// The repository's stack deployed by the real program, once per test run. A stack that needs an Enterprise
    /// licence (a cluster, enterprise search) is deployed from a copy with the licence secret added, as its operator
    /// would set it: the program refuses it otherwise.
    /// </summary>
    public static Task<DeployedStack> Stack(string stack) =>
        Stacks.GetOrAdd(stack, s => new Lazy<Task<DeployedStack>>(() => Project(Repo.Root, s))).Value;

    /// <summary>A project's stack deployed by the real program, licensed (see <see cref="LicensedProject"/>) when it needs it.</summary>
    public static async Task<DeployedStack> Project(string directory, string stack)
    {
        if (!new Planner(directory).Plan(stack).Licence.Missing)
        {
            var graph = new Planner(directory).Plan(stack).Graph;
            return await RunAsync(graph, MattermostProgram.Run, Options(stack, directory), LicensedProject.ConfigFor(graph));
        }
        using var licensed = new LicensedProject(directory, stack);
        return await RunAsync(new Planner(licensed.Directory).Plan(stack).Graph, MattermostProgram.Run, Options(stack, licensed.Directory), LicensedProject.Config);
    }

    /// <summary>
    /// Runs a program under <see cref="RecordingStack"/>; the mocks answer from <paramref name="graph"/>. The stack
    /// configuration is passed as the language host passes it (PULUMI_CONFIG, read when the deployment starts).
    /// </summary>
    public static async Task<DeployedStack> RunAsync(ResourceGraph graph, Func<IDictionary<string, object?>> program, TestOptions options,
        IReadOnlyDictionary<string, string>? config = null)
    {
        var mocks = new GraphMocks(graph);
        var recorder = new Recorder();
        RecordingStack.Program = program;
        RecordingStack.Recorder = recorder;
        using var _ = new StackConfig(config);
        var resources = await Deployment.TestAsync<RecordingStack>(mocks, options);
        var outputs = resources.OfType<RecordingStack>().Single().ProgramOutputs;
        return new DeployedStack(graph, resources, mocks, recorder, outputs);
    }

    /// <summary>The value of a known output (every output is known in these runs: IsPreview is false).</summary>
    public static Task<T> ValueAsync<T>(this Output<T> output)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        output.Apply(v => { done.TrySetResult(v); return v; });
        return done.Task;
    }
}

/// <summary>Sets PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS (every key secret) for one deployment, and clears them after.</summary>
public sealed class StackConfig : IDisposable
{
    public StackConfig(IReadOnlyDictionary<string, string>? config)
    {
        if (config is null) return;
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", System.Text.Json.JsonSerializer.Serialize(config));
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", System.Text.Json.JsonSerializer.Serialize(config.Keys));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
    }
}
