using Infra.Core.Planning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Infra.Core.Rendering;

/// <summary>
/// The plan for a terminal: who gets what and why, as Spectre.Console tables. Rendered at a fixed width
/// without colour when not writing to a terminal, so that the same plan gives the same bytes.
/// </summary>
public sealed class TextPlanRenderer(int width = 140)
{
    public string Render(StackPlan plan) => Write(Parts(plan), width);

    /// <summary>Renders Spectre parts to text: no colour, no terminal detection, fixed width, "\n" line ends.</summary>
    public static string Write(IEnumerable<IRenderable> parts, int width = 140)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        foreach (var part in parts) console.Write(part);
        return writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>A warning's text, each `command` in it on a line of its own, so that wrapping never splits a command to copy.</summary>
    private static IRenderable WarningText(string warning)
    {
        var parts = warning.Split('`');
        if (parts.Length < 3) return new Text(warning);
        return new Rows(parts.Select((p, i) => (IRenderable)new Text(i % 2 == 1 ? "    " + p : p.Trim())).Where((_, i) => i % 2 == 1 || parts[i].Trim().Length > 0));
    }

    public static IEnumerable<IRenderable> Parts(StackPlan plan)
    {
        var s = plan.Settings;
        var z = plan.Blueprint.Sizing;
        yield return new Markup($"[bold]Mattermost plan for stack '{Markup.Escape(s.Stack)}'[/]: {s.Environment.ToString().ToLowerInvariant()}, {s.Region}, " +
                                $"{s.AppTier.ToString().ToLowerInvariant()} app tier, " +
                                (s.HighAvailability ? $"high availability across {s.AvailabilityZoneCount} zones" : $"single node, {s.AvailabilityZoneCount} zones") + "\n");
        yield return new Markup($"Projected load: {z.Load.RegisteredNow:#,0} registered users today, {z.Load.RegisteredAtHorizon:#,0} in {z.Load.HorizonMonths} months; " +
                                $"peak {z.Load.PeakConcurrent:#,0} concurrent; sized for {z.Load.DesignLoad:#,0} ({z.Load.HeadroomPercent}% headroom)\n\n");
        foreach (var warning in plan.Warnings)
            yield return new Panel(WarningText(warning)).Header("WARNING").Expand();
        if (plan.Warnings.Count > 0) yield return new Text("\n");

        var sizing = new Table().Title("Sizing and why").AddColumns("Component", "Decision", "Reason", "Source");
        foreach (var d in z.Decisions)
            sizing.AddRow(Cell(d.Component), Cell(d.Decision), Cell(d.Reason), Cell(d.Source));
        yield return sizing;

        var capacity = new Table().Title("Capacity against load").AddColumns("Component", "Needed", "Provided", "Carries (users)", "Design load", "Margin");
        capacity.AddRow(Cell("app"), Cell($"{z.App.RequiredVcpu} vCPU"), Cell($"{z.App.ProvidedVcpu} vCPU ({z.App.Nodes} x {z.App.InstanceType})"),
            Cell($"{z.App.CapacityUsers:#,0}"), Cell($"{z.Load.DesignLoad:#,0}"), Cell(Margin(z.App.CapacityUsers, z.Load.DesignLoad)));
        if (s.HighAvailability)
            capacity.AddRow(Cell("app after zone loss"), Cell("peak"), Cell($"{z.App.NodesAfterZoneLoss} nodes"),
                Cell($"{z.App.CapacityAfterZoneLoss:#,0}"), Cell($"{z.Load.PeakConcurrent:#,0} (peak)"), Cell(Margin(z.App.CapacityAfterZoneLoss, z.Load.PeakConcurrent)));
        capacity.AddRow(Cell("database"), Cell($"{z.Database.RequiredVcpu} vCPU"), Cell($"{z.Database.ProvidedVcpu} vCPU ({z.Database.Instances} x {z.Database.InstanceClass})"),
            Cell($"{z.Database.CapacityUsers:#,0}"), Cell($"{z.Load.DesignLoad:#,0}"), Cell(Margin(z.Database.CapacityUsers, z.Load.DesignLoad)));
        if (s.HighAvailability)
            capacity.AddRow(Cell("database after zone loss"), Cell("peak"), Cell($"{z.Database.InstancesAfterZoneLoss} instances"),
                Cell($"{z.Database.CapacityAfterZoneLoss:#,0}"), Cell($"{z.Load.PeakConcurrent:#,0} (peak)"), Cell(Margin(z.Database.CapacityAfterZoneLoss, z.Load.PeakConcurrent)));
        capacity.AddRow(Cell("file storage"), Cell($"{z.Storage.LowGb:0.#}-{z.Storage.HighGb:0.#} GiB"), Cell("S3 (no fixed size)"), Cell("-"), Cell("-"), Cell("-"));
        yield return capacity;

        var components = new Table().Title("Components").AddColumns("Component", "Type", "Resources", "What");
        foreach (var c in plan.Graph.Components)
            components.AddRow(Cell(c.Name), Cell(c.Type), Cell(plan.Graph.ChildrenOf(c.Name).Count().ToString(System.Globalization.CultureInfo.InvariantCulture)), Cell(c.Reason));
        yield return components;

        // The same count as the diff's: resources, with the component resources that group them counted apart.
        var resources = new Table().Title($"Resources ({plan.Graph.Resources.Count()}; the {plan.Graph.Components.Count()} component resources that group them are not counted)")
            .AddColumns("Resource", "Type", "Flags", "Why");
        foreach (var n in plan.Graph.Resources)
        {
            var flags = string.Join(" ", new[] { n.Options.Protect ? "protect" : null, n.Options.RetainOnDelete ? "retain" : null }.OfType<string>());
            resources.AddRow(Cell(n.Name), Cell(n.Type), Cell(flags), Cell(n.Reason));
        }
        yield return resources;

        var outputs = new Table().Title("Stack outputs").AddColumns("Output", "Secret", "Description");
        foreach (var o in plan.Graph.Outputs)
            outputs.AddRow(Cell(o.Name), Cell(o.Secret ? "yes" : "no"), Cell(o.Description));
        yield return outputs;
    }

    public static string Margin(int capacity, int load) =>
        load == 0 ? "-" : $"{(capacity - load) * 100m / load:+0;-0}%";

    private static Text Cell(string text) => new(text);
}
