using Pulumi;

namespace Infra.Deploy.Tests.Support;

/// <summary>
/// A stack that runs a program with a recording transformation on every resource. The program is the
/// real one (<see cref="MattermostProgram.Run"/>) or a graph deployment; its outputs are kept for the test.
/// </summary>
public sealed class RecordingStack : Stack
{
    internal static Func<IDictionary<string, object?>> Program { get; set; } = MattermostProgram.Run;

    internal static Recorder Recorder { get; set; } = new();

    public RecordingStack() : base(new StackOptions { ResourceTransformations = { args => Recorder.Record(args) } })
    {
        ProgramOutputs = Program();
    }

    public IDictionary<string, object?> ProgramOutputs { get; }
}
