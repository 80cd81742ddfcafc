using System.Globalization;
using System.Text;
using System.Text.Json;
using Infra.Core.Cost;
using Infra.Core.Measurements;
using Infra.Core.Policies;
using Infra.Core.Policies.Model;
using Infra.Core.Rendering;
using Infra.Core.Settings;
using Infra.Core.Sizing;

namespace Infra.Core.Projection;

/// <summary>
/// <c>project</c>'s report in text, Markdown or JSON: what was measured and from which files, what was refused and why, the
/// stack's plan today beside the projected one (hardware, capacity, monthly cost), every decision that changed with the
/// reason the new plan gives, the policy check of the projection and the <c>pulumi config set</c> commands. No dates or
/// machine paths beyond the inputs', so the same exports give the same report.
/// </summary>
public static class ProjectionReport
{
    public static readonly string[] Formats = ["text", "markdown", "json"];

    public static string Render(ProductionProjection p, string format) => format switch
    {
        "markdown" => Markdown(p),
        "json" => Json(p),
        _ => Text(p),
    };

    private static string N(decimal n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string D(decimal n, string f = "0.##") => n.ToString(f, CultureInfo.InvariantCulture);

    private static string F(decimal f) => CapacityCalibration.Factor(f) + "x";

    /// <summary>The measurement, line by line (shared by text and Markdown).</summary>
    private static IEnumerable<string> Measured(ProductionProjection p)
    {
        var m = p.Measurement;
        var o = m.Exports.Outputs;
        yield return $"Exports in {m.Exports.Folder}, of stack '{o.Stack}' ({o.AppTier} tier, {o.Region}): app {o.AppNodes} x {o.AppInstanceType}, database {o.DatabaseInstances.Count} x {o.DatabaseInstanceClass}.";
        foreach (var (file, kind) in m.Exports.Files) yield return $"  read {file}: {ExportRecogniser.Describe(kind)}";
        foreach (var file in m.Exports.Skipped) yield return $"  skipped {file} (not an export)";
        if (m.Monitoring is { } mon)
        {
            yield return $"Monitoring window {mon.Start:yyyy-MM-dd HH:mm}..{mon.End:yyyy-MM-dd HH:mm} UTC ({D(mon.Days, "0.#")} days, {m.Signals!.Period.TotalSeconds:0} s period).";
            yield return $"Peak: {N(mon.PeakUsers)} concurrent users (WebSocket connections) at {mon.PeakTime:yyyy-MM-dd HH:mm} UTC" +
                         (mon.RegisteredUsers is { } r ? $" of {N(r)} registered" : "") +
                         (mon.ConcurrencyRatio is { } ratio ? $": measured concurrency ratio {D(ratio, "0.###")} (today: {D(p.Today.Settings.Load.MeasuredConcurrencyRatio ?? p.Today.Settings.Load.ConcurrencyRatio, "0.###")})." : ".");
            foreach (var t in new[] { mon.App, mon.Database }.OfType<TierMeasurement>())
            {
                var name = CapacityCalibration.Name(t.Tier);
                var line = $"  {name}: {D(t.CpuAtPeak, "0.#")} % CPU at the peak = {D(t.UsedAtPeak)} vCPU in use, {D(t.UsedAtPeak / Math.Max(1, mon.PeakUsers) * 1000, "0.#")} mvCPU per concurrent user; " +
                           $"the reference curve predicts {D(t.PredictedAtPeak)} vCPU ({D(t.PredictedAtPeak / Math.Max(1, mon.PeakUsers) * 1000, "0.#")} mvCPU per user) at that load";
                if (t.Factor is { } f)
                    line += $": {F(f)} (median of {t.DailyFactors.Count} days' peak hours, spread {D(t.SpreadLow)}..{D(t.SpreadHigh)}" +
                            (t.ExcludedDays.Count > 0 ? $"; {t.ExcludedDays.Count} day(s) under {CalibrationMaths.MinPeakCpuPercent} % CPU at their peak left out" : "") + ")";
                yield return line;
            }
            if (m.Signals.PeakConnections is { } c)
                yield return $"  database connections: at most {N(c)} on one instance (the projected max_connections is {p.Projected.Blueprint.Sizing.Database.MaxConnections})";
            if (m.Signals.PeakRequestsPer5Minutes is { } req)
                yield return $"  load balancer: at most {N(req)} requests in 5 minutes; {D(m.Signals.ErrorPercent ?? 0, "0.###")} % answered 5xx";
            if (m.Signals.ProcessVcpuAtPeak is { } proc)
                yield return $"  Mattermost processes at the peak: {D(proc)} vCPU ({PrometheusRangeQuery.ProcessCpu})";
        }
        if (m.LoadTest is { } lt)
            yield return $"Load test: {N(lt.SupportedUsers)} users supported at the coordinator's thresholds on {D(lt.AppVcpu)} app vCPU, where the reference curve carries {N(lt.ReferenceUsers)}; " +
                         $"steady state {D(lt.SteadyMinutes, "0")} minutes" + (lt.Factor is { } f ? $": {F(f)} the reference curve." : ".");
        foreach (var r in m.Refusals) yield return $"Not calibrated: {r}";
        if (m.Calibration is { } cal)
            yield return $"Calibration: {cal.Evidence}" + (m.AppBasis is { } b ? $"; app from the {b}" : "") + ".";
    }

    private static IEnumerable<(string What, string Today, string Projected)> Comparison(ProductionProjection p)
    {
        var a = p.Today.Blueprint.Sizing;
        var b = p.Projected.Blueprint.Sizing;
        string Ratio(LoadProfile l) => l.PeakConcurrentUsers is { } peak ? $"measured peak {N(peak)}"
            : l.MeasuredConcurrencyRatio is { } m ? $"{D(m, "0.###")} (measured)" : D(l.ConcurrencyRatio, "0.###");
        string Cal(LoadProjection l, CalibratedTier t) => l.Calibration?.FactorOf(t) is { } f ? $" ({F(f)} curve)" : "";
        yield return ("concurrency ratio", Ratio(p.Today.Settings.Load), Ratio(p.Projected.Settings.Load));
        yield return ("peak concurrent users", N(a.Load.PeakConcurrent), N(b.Load.PeakConcurrent));
        yield return ("design load", N(a.Load.DesignLoad), N(b.Load.DesignLoad));
        yield return ("reference tier", N(a.GoverningTier.ConcurrentUsers), N(b.GoverningTier.ConcurrentUsers));
        yield return ("app vCPU needed", D(a.App.RequiredVcpu) + Cal(a.Load, CalibratedTier.App), D(b.App.RequiredVcpu) + Cal(b.Load, CalibratedTier.App));
        yield return ("app", $"{ProductionProjection.AppHardware(a)}, carries {N(a.App.CapacityUsers)}", $"{ProductionProjection.AppHardware(b)}, carries {N(b.App.CapacityUsers)}");
        yield return ("database vCPU needed", D(a.Database.RequiredVcpu) + Cal(a.Load, CalibratedTier.Database), D(b.Database.RequiredVcpu) + Cal(b.Load, CalibratedTier.Database));
        yield return ("database", $"{ProductionProjection.DatabaseHardware(a)}, carries {N(a.Database.CapacityUsers)}", $"{ProductionProjection.DatabaseHardware(b)}, carries {N(b.Database.CapacityUsers)}");
        yield return ("max_connections", a.Database.MaxConnections.ToString(CultureInfo.InvariantCulture), b.Database.MaxConnections.ToString(CultureInfo.InvariantCulture));
        yield return ("search", ProductionProjection.SearchHardware(a), ProductionProjection.SearchHardware(b));
        yield return ("monthly cost", Cost(p.TodayCost), Cost(p.ProjectedCost));
    }

    private static string Cost(CostEstimate c) => Money.Usd(c.Monthly) + (c.UnknownPrices > 0 ? $" + {c.UnknownPrices} unknown" : "");

    private static string Delta(ProductionProjection p) => Money.Signed(p.ProjectedCost.Monthly - p.TodayCost.Monthly);

    private static IReadOnlyList<PolicyResult> Failures(ProductionProjection p) =>
        [.. p.Audit.Results.Where(r => r.Outcome == Outcome.Fail && PolicyPack.Find(r.PolicyId)?.IsMandatory == true)];

    public static string Text(ProductionProjection p)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Pilot measurements -> stack '{p.Stack}'\n\n");
        foreach (var line in Measured(p)) sb.Append(line).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"\nStack '{p.Stack}': today -> with the measurements ({Delta(p)} per month)\n");
        var rows = Comparison(p).ToList();
        var w1 = rows.Max(r => r.What.Length);
        var w2 = rows.Max(r => r.Today.Length);
        foreach (var (what, a, b) in rows)
            sb.Append(CultureInfo.InvariantCulture, $"  {what.PadRight(w1)}  {a.PadRight(w2)}  {(a == b ? "(unchanged)" : "-> " + b)}\n");
        sb.Append("\nWhat changed and why:\n");
        if (p.ChangedDecisions.Count == 0) sb.Append("  no sizing decision changes\n");
        foreach (var d in p.ChangedDecisions) sb.Append(CultureInfo.InvariantCulture, $"  {d.Component}: {d.Before} -> {d.After}: {d.Reason}\n");
        foreach (var n in p.Notes) sb.Append(CultureInfo.InvariantCulture, $"Note: {n}\n");
        var failures = Failures(p);
        sb.Append(failures.Count == 0
            ? $"\nThe projected plan passes every mandatory policy ({PolicyPack.Default.Count(x => x.IsMandatory)}).\n"
            : $"\nThe projected plan fails {failures.Count} mandatory check(s):\n" + string.Concat(failures.Select(f => $"  {f.PolicyId} {f.Resource}: {f.Message}\n")));
        sb.Append(CultureInfo.InvariantCulture, $"\nTo apply it (or: project --stack {p.Stack} --from {p.Measurement.Exports.Folder} --write):\n");
        foreach (var c in p.Commands) sb.Append("  ").Append(c).Append('\n');
        return sb.ToString();
    }

    public static string Markdown(ProductionProjection p)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Pilot measurements -> stack `{p.Stack}`\n\n## Measured\n\n");
        var first = true;
        foreach (var line in Measured(p))
        {
            sb.Append(line.StartsWith("  ", StringComparison.Ordinal) ? "- " + line.TrimStart() : (first ? "" : "\n") + line).Append('\n');
            first = false;
        }
        sb.Append(CultureInfo.InvariantCulture, $"\n## Stack `{p.Stack}`: today and with the measurements\n\n");
        sb.Append(Rendering.Markdown.Header("", "Today", "With the measurements"));
        foreach (var (what, a, b) in Comparison(p)) sb.Append(Rendering.Markdown.Row(what, a, a == b ? a : $"**{b}**"));
        sb.Append(CultureInfo.InvariantCulture, $"\nMonthly cost {Delta(p)} (priced lines only).\n\n## What changed and why\n\n");
        if (p.ChangedDecisions.Count == 0) sb.Append("No sizing decision changes.\n");
        else
        {
            sb.Append(Rendering.Markdown.Header("Component", "Today", "With the measurements", "Reason"));
            foreach (var d in p.ChangedDecisions) sb.Append(Rendering.Markdown.Row(d.Component, d.Before, d.After, d.Reason));
        }
        foreach (var n in p.Notes) sb.Append(CultureInfo.InvariantCulture, $"\n> {n}\n");
        var failures = Failures(p);
        sb.Append("\n## Policy check of the projection\n\n");
        sb.Append(failures.Count == 0
            ? $"Passes every mandatory policy ({PolicyPack.Default.Count(x => x.IsMandatory)}).\n"
            : string.Concat(failures.Select(f => $"- **{f.PolicyId}** `{f.Resource}`: {f.Message}\n")));
        sb.Append(CultureInfo.InvariantCulture, $"\n## Apply\n\n`project --stack {p.Stack} --from {p.Measurement.Exports.Folder} --write` edits `Pulumi.{p.Stack}.yaml` in place; or:\n\n```sh\n");
        foreach (var c in p.Commands) sb.Append(c).Append('\n');
        sb.Append("```\n");
        return sb.ToString();
    }

    public static string Json(ProductionProjection p) => JsonValueWriter.Document(w =>
    {
        var m = p.Measurement;
        w.WriteStartObject();
        w.WriteString("stack", p.Stack);
        w.WriteStartObject("measured");
        w.WriteString("folder", m.Exports.Folder);
        w.WriteString("stack", m.Exports.Outputs.Stack);
        w.WriteStartArray("files");
        foreach (var (file, kind) in m.Exports.Files)
        {
            w.WriteStartObject();
            w.WriteString("file", file);
            w.WriteString("kind", kind.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (m.Monitoring is { } mon)
        {
            w.WriteStartObject("monitoring");
            w.WriteString("start", mon.Start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteString("end", mon.End.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteNumber("days", Math.Round(mon.Days, 2));
            w.WriteNumber("peakConcurrentUsers", mon.PeakUsers);
            w.WriteString("peakTime", mon.PeakTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            if (mon.RegisteredUsers is { } r) w.WriteNumber("registeredUsers", r);
            if (mon.ConcurrencyRatio is { } ratio) w.WriteNumber("concurrencyRatio", ratio);
            foreach (var t in new[] { mon.App, mon.Database }.OfType<TierMeasurement>())
            {
                w.WriteStartObject(CapacityCalibration.Name(t.Tier));
                w.WriteNumber("cpuPercentAtPeak", Math.Round(t.CpuAtPeak, 2));
                w.WriteNumber("vcpuInUseAtPeak", Math.Round(t.UsedAtPeak, 3));
                w.WriteNumber("referenceVcpuAtPeak", Math.Round(t.PredictedAtPeak, 3));
                if (t.Factor is { } f) w.WriteNumber("factor", f);
                if (t.DailyFactors.Count > 0)
                {
                    w.WriteNumber("spreadLow", Math.Round(t.SpreadLow, 3));
                    w.WriteNumber("spreadHigh", Math.Round(t.SpreadHigh, 3));
                    w.WriteNumber("days", t.DailyFactors.Count);
                }
                if (t.Refusal is { } refusal) w.WriteString("refused", refusal);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        if (m.LoadTest is { } lt)
        {
            w.WriteStartObject("loadTest");
            w.WriteNumber("supportedUsers", lt.SupportedUsers);
            w.WriteNumber("appVcpu", lt.AppVcpu);
            w.WriteNumber("referenceUsers", lt.ReferenceUsers);
            w.WriteNumber("steadyMinutes", Math.Round(lt.SteadyMinutes, 1));
            if (lt.Factor is { } f) w.WriteNumber("factor", f);
            if (lt.Refusal is { } refusal) w.WriteString("refused", refusal);
            w.WriteEndObject();
        }
        w.WriteStartArray("refusals");
        foreach (var r in m.Refusals) w.WriteStringValue(r);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("comparison");
        foreach (var (what, a, b) in Comparison(p))
        {
            w.WriteStartObject();
            w.WriteString("what", what);
            w.WriteString("today", a);
            w.WriteString("projected", b);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("monthlyToday", p.TodayCost.Monthly);
        w.WriteNumber("monthlyProjected", p.ProjectedCost.Monthly);
        w.WriteStartArray("changedDecisions");
        foreach (var d in p.ChangedDecisions)
        {
            w.WriteStartObject();
            w.WriteString("component", d.Component);
            w.WriteString("today", d.Before);
            w.WriteString("projected", d.After);
            w.WriteString("reason", d.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("mandatoryFailures");
        foreach (var f in Failures(p)) w.WriteStringValue($"{f.PolicyId} {f.Resource}: {f.Message}");
        w.WriteEndArray();
        w.WriteStartArray("commands");
        foreach (var c in p.Commands) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var n in p.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
