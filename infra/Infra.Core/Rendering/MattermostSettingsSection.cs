using System.Text;
using System.Text.Json;
using Infra.Core.Planning;
using Infra.Core.Settings.App;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Infra.Core.Rendering;

/// <summary>
/// Mattermost's own configuration in the plan, for reviewers: every setting the stack locks (its MM_* variable, its value
/// or, for a secret, where the secret is kept, and the field of <c>mattermost:app</c> it comes from), and what is declared
/// but applied through Mattermost's API (issue 15), marked pending.
/// </summary>
public static class MattermostSettingsSection
{
    public const string PendingNote = "pending: applied through Mattermost's API (issue 15), not by `pulumi up`";

    public static IReadOnlyList<AppVariable> Variables(StackPlan plan) => AppVariables.From(plan.Settings.App, plan.Settings.SiteUrl);

    private static string From(AppVariable v) => v.IsDefault ? $"{v.From} (the environment's default)" : v.From;

    public static string Markdown(StackPlan plan)
    {
        var variables = Variables(plan);
        var pending = plan.Settings.App.Pending.ToList();
        if (variables.Count == 0 && pending.Count == 0) return "";
        var sb = new StringBuilder();
        sb.Append("## Mattermost's own configuration\n\n");
        sb.Append("Set as environment variables, which override the stored configuration and lock these fields in the System Console. ")
          .Append("Secrets are shown by where they are kept, never by value.\n\n");
        sb.Append(Rendering.Markdown.Header("Setting", "Variable", "Value", "From"));
        foreach (var v in variables)
            sb.Append(Rendering.Markdown.Row(v.Setting, v.EnvVar, v.Secret is null ? Rendering.Markdown.Code(v.Value!) : v.Shown, From(v)));
        sb.Append('\n');
        if (pending.Count > 0)
        {
            sb.Append("Declared, ").Append(PendingNote).Append(":\n\n");
            sb.Append(Rendering.Markdown.Header("Field", "Declared", "Why not a variable"));
            foreach (var (field, value) in pending)
                sb.Append(Rendering.Markdown.Row(field.Key, Declared(value), field.Description));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static IEnumerable<IRenderable> Text(StackPlan plan)
    {
        var variables = Variables(plan);
        var pending = plan.Settings.App.Pending.ToList();
        if (variables.Count == 0 && pending.Count == 0) yield break;
        var table = new Table().Title("Mattermost's own configuration (locked in the System Console)").AddColumns("Setting", "Value", "From");
        foreach (var v in variables)
            table.AddRow(new Text(v.Setting), new Text(v.Secret is null ? v.Value!.Length == 0 ? "\"\"" : v.Value! : v.Shown), new Text(From(v)));
        yield return table;
        if (pending.Count > 0)
        {
            var p = new Table().Title("Declared, " + PendingNote).AddColumns("Field", "Declared");
            foreach (var (field, value) in pending) p.AddRow(new Text(field.Key), new Text(Declared(value)));
            yield return p;
        }
    }

    /// <summary>The "mattermost" object of plan.json: the settings (secrets as references) and the pending items.</summary>
    public static void Json(Utf8JsonWriter w, StackPlan plan)
    {
        w.WriteStartObject("mattermost");
        w.WriteStartArray("settings");
        foreach (var v in Variables(plan))
        {
            w.WriteStartObject();
            w.WriteString("setting", v.Setting);
            w.WriteString("variable", v.EnvVar);
            if (v.Secret is { } s) w.WriteString("secret", s.Reference);
            else w.WriteString("value", v.Value);
            w.WriteString("from", v.From);
            if (v.IsDefault) w.WriteBoolean("environmentDefault", true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("pending");
        foreach (var (field, value) in plan.Settings.App.Pending)
        {
            w.WriteStartObject();
            w.WriteString("field", field.Key);
            w.WriteString("declared", Declared(value));
            w.WriteString("appliedBy", "Mattermost's API (issue 15)");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Declared(AppValue value) => value switch
    {
        AppFile f => f.RelativePath,
        AppSecret s => $"[secret: {s.Reference}]",
        _ => value.ToString() ?? "",
    };
}
