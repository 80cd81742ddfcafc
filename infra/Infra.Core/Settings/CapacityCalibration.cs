using System.Globalization;

namespace Infra.Core.Settings;

/// <summary>
/// A correction to Mattermost's reference curve measured on a running stack (<c>project</c>, docs/pilot-to-production.md):
/// this customer's app (or database) needs <see cref="App"/> (<see cref="Database"/>) times the vCPU the curve gives for the
/// same load. Applied as a multiplier on the curve's vCPU need by the sizing engine, and read back by the policies.
/// </summary>
/// <param name="App">Multiplier on the app tier's vCPU need; null leaves the app on the reference curve.</param>
/// <param name="Database">Multiplier on the database's vCPU need; null leaves the database on the reference curve.</param>
/// <param name="Source">Where the measurements are (the folder <c>project --from</c> read).</param>
/// <param name="WindowStart">First day of the measurement window.</param>
/// <param name="WindowEnd">Last day of the measurement window.</param>
/// <param name="MeasuredOn">The day the measurements were taken (the window's end, or the load test's day).</param>
public sealed record CapacityCalibration(decimal? App, decimal? Database, string Source, DateOnly WindowStart, DateOnly WindowEnd, DateOnly MeasuredOn)
{
    /// <summary>
    /// The bounds of a factor. Below 0.5 a pilot would halve production against the load-tested tiers, above 3 its usage is
    /// too unlike the reference for a multiplier to mean anything: both call for a load test, not a correction.
    /// </summary>
    public const decimal MinFactor = 0.5m;

    public const decimal MaxFactor = 3m;

    public const string WindowFormat = "YYYY-MM-DD..YYYY-MM-DD";

    /// <summary>2027-01-10..2027-01-24, as the setting writes it.</summary>
    public string Window => $"{Day(WindowStart)}..{Day(WindowEnd)}";

    /// <summary>2027-01-10..24 within a month, 2027-01-28..02-03 within a year, the full window otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ShortWindow =>
        WindowStart.Year != WindowEnd.Year ? Window
        : WindowStart.Month != WindowEnd.Month ? $"{Day(WindowStart)}..{WindowEnd.ToString("MM-dd", CultureInfo.InvariantCulture)}"
        : $"{Day(WindowStart)}..{WindowEnd.ToString("dd", CultureInfo.InvariantCulture)}";

    public decimal? FactorOf(CalibratedTier tier) => tier == CalibratedTier.App ? App : Database;

    /// <summary>"calibrated from pilot measurements of 2027-01-10..24: app 1.3x the reference curve", or null when the tier is not calibrated.</summary>
    public string? Note(CalibratedTier tier) => FactorOf(tier) is { } f
        ? $"calibrated from pilot measurements of {ShortWindow}: {Name(tier)} {Factor(f)}x the reference curve"
        : null;

    /// <summary>Every factor and where it came from, for the plan's load section and the audit.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Evidence =>
        $"pilot measurements of {ShortWindow} ({string.Join(", ", new[] { CalibratedTier.App, CalibratedTier.Database }.Where(t => FactorOf(t) is not null).Select(t => $"{Name(t)} {Factor(FactorOf(t)!.Value)}x"))} " +
        $"the reference curve; source {Source}, measured on {Day(MeasuredOn)})";

    public static string Name(CalibratedTier tier) => tier == CalibratedTier.App ? "app" : "database";

    public static string Factor(decimal f) => f.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses "2027-01-10..2027-01-24": the first day not after the last.</summary>
    public static bool TryParseWindow(string text, out DateOnly start, out DateOnly end)
    {
        start = end = default;
        var parts = text.Split("..");
        return parts.Length == 2
               && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start)
               && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out end)
               && start <= end;
    }
}

/// <summary>The tiers a calibration can correct: the ones the reference curve sizes by vCPU.</summary>
public enum CalibratedTier { App, Database }
