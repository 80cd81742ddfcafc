using System.Text.Json;
using Infra.Core.Analysis;
using Infra.Core.Cost;
using Infra.Core.Planning;
using Infra.Core.Rendering;

namespace Infra.Core.Artifacts;

/// <summary>
/// The plan in each format with the sections other parts of the core add to it: network reachability and
/// the cost estimate (with the reference-architecture comparison). `plan` and the committed stacks/ files
/// both render through here, so a stack's summary.md is byte for byte `plan --format markdown`.
/// </summary>
public static class PlanRenderings
{
    public static readonly string[] Formats = ["text", "markdown", "json", "pulumi-yaml"];

    public static string Render(StackPlan plan, string format) => format switch
    {
        "markdown" => Markdown(plan),
        "json" => Json(plan),
        "pulumi-yaml" => PulumiYaml(plan),
        _ => Text(plan),
    };

    /// <summary>The cost of a planned stack: its graph priced, its file-storage forecast as S3 usage.</summary>
    public static CostEstimate Cost(StackPlan plan) =>
        new CostEstimator(plan.Settings.Region, plan.Blueprint.Sizing.Storage.HighGb, StorageBasis(plan.Blueprint.Sizing.Storage.Months))
            .Estimate(plan.Graph);

    /// <summary>How the S3 quantity was chosen, shown next to it: the upper end of the storage forecast.</summary>
    public static string StorageBasis(int months) => $"high end of the {months}-month storage forecast";

    public static ReferenceComparison Reference(StackPlan plan) => ReferenceComparison.For(plan.Blueprint.Sizing, plan.Settings.Region);

    public static string Markdown(StackPlan plan) =>
        new MarkdownPlanRenderer([
            MattermostSettingsSection.Markdown,
            p => ReachabilityMarkdown.Section(p.Graph),
            p => CostMarkdown.Section(Cost(p), Reference(p)),
        ]).Render(plan);

    public static string PulumiYaml(StackPlan plan) => new PulumiYamlRenderer().Render(plan.Graph, plan.Settings.ProjectName);

    /// <summary>The JSON plan with a "cost" object appended; the rest is exactly <see cref="JsonPlanRenderer"/>'s output.</summary>
    public static string Json(StackPlan plan)
    {
        var json = new JsonPlanRenderer().Render(plan);
        using var doc = JsonDocument.Parse(json);
        return JsonValueWriter.Document(w =>
        {
            w.WriteStartObject();
            foreach (var property in doc.RootElement.EnumerateObject()) property.WriteTo(w);
            w.WritePropertyName("cost");
            CostJson.Write(w, Cost(plan), Reference(plan));
            w.WriteEndObject();
        });
    }

    public static string Text(StackPlan plan, int width = 140) =>
        TextPlanRenderer.Write(TextPlanRenderer.Parts(plan).Concat(MattermostSettingsSection.Text(plan)).Concat(CostText.Parts(Cost(plan), Reference(plan))), width);
}
