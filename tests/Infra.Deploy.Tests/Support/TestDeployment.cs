using System.Collections.Concurrent;
using System.Collections.Immutable;
using Infra.Core.Graph;
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

    /// <summary>The repository's stack deployed by the real program, once per test run.</summary>
    public static Task<DeployedStack> Stack(string stack) =>
        Stacks.GetOrAdd(stack, s => new Lazy<Task<DeployedStack>>(() =>
            RunAsync(Repo.Plan(s).Graph, MattermostProgram.Run, Options(s)))).Value;

    /// <summary>Runs a program under <see cref="RecordingStack"/>; the mocks answer from <paramref name="graph"/>.</summary>
    public static async Task<DeployedStack> RunAsync(ResourceGraph graph, Func<IDictionary<string, object?>> program, TestOptions options)
    {
        var mocks = new GraphMocks(graph);
        var recorder = new Recorder();
        RecordingStack.Program = program;
        RecordingStack.Recorder = recorder;
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
