using System.Diagnostics;
using System.Globalization;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Rendering;

namespace Infra.Cli.Commands;

/// <summary>
/// <c>bench</c>: plans and renders every stack and a synthetic graph of at least 10,000 resources, at
/// several sizes to show how the cost grows. The last line is the machine-readable summary.
/// </summary>
public sealed class BenchCommand : ICommand
{
    public CommandSpec Spec { get; } = new("bench",
        "bench [--resources N] [--project-dir DIR]",
        "Time planning and rendering (all stacks + a synthetic graph of N resources, default 10000).",
        ["resources", "project-dir"], []);

    public int Run(CliContext ctx)
    {
        var target = 10_000;
        if (ctx.Args.Option("resources") is { } r && (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out target) || target < 100))
            throw new UsageException("--resources must be a whole number of at least 100");

        var planner = ctx.Planner();
        var stacks = planner.Loader.AvailableStacks();
        // Warm-up: the first run pays for JIT compilation, which is not the steady cost.
        Measure(planner, stacks, target / 4);

        foreach (var size in new[] { target / 4, target / 2, target })
        {
            var (n, t) = Measure(planner, stacks, size);
            ctx.Progress($"size {size,7}: {n,7} resources in {t.TotalSeconds:0.000} s ({n / t.TotalSeconds:0} resources/s)");
        }
        var (resources, elapsed) = Measure(planner, stacks, target);
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"resources={resources} seconds={elapsed.TotalSeconds:0.000} resources_per_second={resources / elapsed.TotalSeconds:0} peak_mb={peakMb}"));
        return ExitCodes.Ok;
    }

    /// <summary>Plans all stacks and a synthetic graph of at least <paramref name="syntheticSize"/> resources, validates and renders all of them.</summary>
    private static (int Resources, TimeSpan Elapsed) Measure(Planner planner, IReadOnlyList<string> stacks, int syntheticSize)
    {
        var sw = Stopwatch.StartNew();
        var plans = stacks.Select(planner.Plan).ToList();
        var template = plans.FirstOrDefault(p => p.Stack == "production") ?? plans[0];
        var copies = (int)Math.Ceiling(syntheticSize / (double)template.Graph.Nodes.Length);
        var synthetic = GraphTransforms.Replicate(template.Graph, copies, "synthetic");
        var total = 0;
        var bytes = 0L;
        foreach (var p in plans)
        {
            GraphValidator.Validate(p.Graph);
            bytes += new PulumiYamlRenderer().Render(p.Graph, p.Settings.ProjectName).Length;
            bytes += new JsonPlanRenderer().Render(p).Length;
            bytes += new MarkdownPlanRenderer().Render(p).Length;
            total += p.Graph.Nodes.Length;
        }
        GraphValidator.Validate(synthetic);
        bytes += new PulumiYamlRenderer().Render(synthetic, "synthetic").Length;
        using (var stream = new MemoryStream())
        using (var w = new System.Text.Json.Utf8JsonWriter(stream, JsonValueWriter.Options))
        {
            w.WriteStartObject();
            JsonPlanRenderer.WriteGraph(w, synthetic);
            w.WriteEndObject();
            w.Flush();
            bytes += stream.Length;
        }
        total += synthetic.Nodes.Length;
        sw.Stop();
        GC.KeepAlive(bytes);
        return (total, sw.Elapsed);
    }
}
