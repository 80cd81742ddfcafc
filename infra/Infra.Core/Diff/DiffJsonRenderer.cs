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
            w.WriteBoolean("requiresApproval", report.RequiresApproval);
            if (report.Settings is { } settings) Settings(w, settings);
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
                if (report.CauseText(c) is { } cause) w.WriteString("cause", cause);
                Strings(w, "reasons", c.ReplaceReasons);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("lockOut");
            foreach (var l in report.LockOuts)
            {
                w.WriteStartObject();
                w.WriteString("setting", l.Setting);
                w.WriteString("before", l.Before);
                w.WriteString("after", l.After);
                w.WriteString("why", l.Why);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("needsCare");
            foreach (var c in r.WithWarnings)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("type", c.Type);
                Strings(w, "warnings", c.Notices);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            // Counts of resources; the component resources that group them are counted apart, as the plan does.
            w.WriteStartObject("summary");
            foreach (var a in Enum.GetValues<ChangeAction>()) w.WriteNumber(Action(a), r.Count(a));
            w.WriteNumber("unchanged", r.Unchanged);
            w.WriteNumber("componentsChanged", r.ComponentChanges);
            w.WriteNumber("componentsUnchanged", r.UnchangedComponents);
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
                if (c.IsComponent) w.WriteBoolean("component", true);
                if (report.CauseText(c) is { } cause) w.WriteString("cause", cause);
                Strings(w, "reasons", c.ReplaceReasons);
                if (!c.Notices.IsEmpty) Strings(w, "warnings", c.Notices);
                if (c.Action is ChangeAction.Add or ChangeAction.Delete && report.SettingsFor(c.Name) is { IsEmpty: false } whole)
                    Strings(w, "causedBy", whole);
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
                    if (report.SettingsFor(c.Name, p.Path) is { IsEmpty: false } keys) Strings(w, "causedBy", keys);
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

    private static void Settings(Utf8JsonWriter w, SettingsReport s)
    {
        w.WriteStartObject("settings");
        w.WriteBoolean("baseKnown", s.BaseKnown);
        w.WriteStartArray("changed");
        foreach (var c in s.Changes)
        {
            w.WriteStartObject();
            w.WriteString("key", c.Key);
            w.WritePropertyName("before");
            w.WriteRawValue(c.Before);
            w.WriteString("beforeSource", c.BeforeSource);
            w.WritePropertyName("after");
            w.WriteRawValue(c.After);
            w.WriteString("afterSource", c.AfterSource);
            if (c.Unreplayed is { } why) w.WriteString("unknownEffects", why);
            w.WriteStartArray("sizing");
            foreach (var d in c.Decisions)
            {
                w.WriteStartObject();
                w.WriteString("component", d.Component);
                w.WriteString("before", d.Before);
                w.WriteString("after", d.After);
                w.WriteString("reason", d.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Strings(w, "changes", c.Effects);
            Strings(w, "replaces", c.Replaces);
            Strings(w, "replacesStateful", c.ReplacesStateful);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Strings(w, "unexplained", s.Unexplained);
        w.WriteEndObject();
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
