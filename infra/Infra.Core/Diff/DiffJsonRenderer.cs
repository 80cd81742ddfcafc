using System.Text.Json;
using Infra.Core.Cost;
using Infra.Core.Graph;
using Infra.Core.Rendering;

namespace Infra.Core.Diff;

/// <summary>The diff for machines: the approval flag and data-loss list first, then every change and the cost change.</summary>
public static class DiffJsonRenderer
{
    public const int FormatVersion = 1;

    public static string Render(DiffReport report)
    {
        var r = report.Result;
        return JsonValueWriter.Document(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteString("stack", report.Stack);
            w.WriteString("base", report.BaseLabel);
            if (report.BaseStack is { } bs) w.WriteString("baseStack", bs);
            w.WriteBoolean("requiresApproval", r.RequiresApproval);
            w.WriteStartArray("dataLoss");
            foreach (var c in r.DataLoss)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("type", c.Type);
                w.WriteString("action", Action(c.Action));
                w.WriteString("risk", c.StatefulRisk);
                w.WriteBoolean("protected", c.Protected);
                w.WriteBoolean("retainedOnDelete", c.RetainedOnDelete);
                Strings(w, "reasons", c.ReplaceReasons);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("summary");
            foreach (var a in Enum.GetValues<ChangeAction>()) w.WriteNumber(Action(a), r.Count(a));
            w.WriteNumber("unchanged", r.Unchanged);
            w.WriteEndObject();

            w.WriteStartArray("resources");
            foreach (var c in r.Changes)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("type", c.Type);
                if (c.Component is { } comp) w.WriteString("component", comp);
                w.WriteString("action", Action(c.Action));
                w.WriteBoolean("stateful", c.StatefulRisk is not null);
                Strings(w, "reasons", c.ReplaceReasons);
                w.WriteStartArray("properties");
                foreach (var p in c.Properties)
                {
                    w.WriteStartObject();
                    w.WriteString("path", p.Path);
                    Value(w, "before", p.Before);
                    Value(w, "after", p.After);
                    if (p.ForcesReplacement) w.WriteBoolean("forcesReplacement", true);
                    if (p.MayForceReplacement) w.WriteBoolean("mayForceReplacement", true);
                    if (p.Note is { } note) w.WriteString("note", note);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("outputs");
            foreach (var o in r.Outputs)
            {
                w.WriteStartObject();
                w.WriteString("name", o.Name);
                w.WriteString("action", Action(o.Action));
                Value(w, "before", o.Before);
                Value(w, "after", o.After);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("cost");
            w.WriteNumber("monthlyBefore", report.CostBefore.Monthly);
            w.WriteNumber("monthlyAfter", report.CostAfter.Monthly);
            w.WriteNumber("monthlyChange", report.MonthlyChange);
            w.WriteNumber("unknownPricesBefore", report.CostBefore.UnknownPrices);
            w.WriteNumber("unknownPricesAfter", report.CostAfter.UnknownPrices);
            w.WriteStartArray("components");
            foreach (var c in report.ComponentCosts)
            {
                w.WriteStartObject();
                w.WriteString("component", c.Component);
                w.WriteNumber("before", c.Before);
                w.WriteNumber("after", c.After);
                w.WriteNumber("change", c.Change);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WritePropertyName("after");
            CostJson.Write(w, report.CostAfter);
            w.WriteEndObject();

            Strings(w, "notes", report.Notes);
            w.WriteEndObject();
        });
    }

    public static string Action(ChangeAction a) => a switch
    {
        ChangeAction.Add => "add",
        ChangeAction.Update => "update",
        ChangeAction.Replace => "replace",
        ChangeAction.MaybeReplace => "maybeReplace",
        _ => "delete",
    };

    private static void Value(Utf8JsonWriter w, string name, Value? value)
    {
        w.WritePropertyName(name);
        if (value is null) w.WriteNullValue();
        else JsonValueWriter.Write(w, value);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WriteStartArray(name);
        foreach (var i in items) w.WriteStringValue(i);
        w.WriteEndArray();
    }
}
