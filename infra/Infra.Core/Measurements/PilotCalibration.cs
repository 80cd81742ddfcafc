using Infra.Core.Settings;
using Infra.Core.Sizing;

namespace Infra.Core.Measurements;

/// <summary>Nothing could be calibrated: every source was refused. Each refusal says why and what to do.</summary>
public sealed class CalibrationRefusedException(string folder, IReadOnlyList<string> refusals)
    : Exception($"{folder}: nothing to calibrate from: " + string.Join("; ", refusals))
{
    public string Folder { get; } = folder;

    public IReadOnlyList<string> Refusals { get; } = refusals;
}

/// <summary>
/// What a folder of pilot exports says for production: the measured concurrency ratio and a calibration of the reference
/// curve (app from the load test when there is one, else from monitoring; database from monitoring), with every number
/// they came from and every source that was refused and why.
/// </summary>
public sealed record PilotCalibration(
    PilotExports Exports,
    AlignedSignals? Signals,
    MonitoringMeasurement? Monitoring,
    LoadTestMeasurement? LoadTest,
    decimal? ConcurrencyRatio,
    CapacityCalibration? Calibration,
    string? AppBasis,
    IReadOnlyList<string> Refusals)
{
    /// <param name="path">The folder on disk.</param>
    /// <param name="folder">The folder as named on the command line: the calibration's source.</param>
    /// <param name="measuredStack">Loads the settings of the stack the outputs name, to check they are this project's deployment.</param>
    public static PilotCalibration From(string path, string folder, Func<string, StackSettings> measuredStack)
    {
        var exports = PilotExports.Read(path, folder);
        var o = exports.Outputs;
        StackSettings measured;
        try { measured = measuredStack(o.Stack); }
        catch (ConfigException e)
        {
            throw new MeasurementException(o.File, "$.capacitySignals.stack", $"names stack '{o.Stack}', which this project cannot load: {e.Problems[0]}");
        }
        if (o.SiteUrl is { } site && site != measured.SiteUrl)
            throw new MeasurementException(o.File, "$.siteUrl", $"'{site}', but stack '{o.Stack}' of this project serves {measured.SiteUrl}: outputs of another deployment");
        if (o.Region != measured.Region)
            throw new MeasurementException(o.File, "$.capacitySignals.region", $"'{o.Region}', but stack '{o.Stack}' deploys to {measured.Region}: outputs of another deployment");

        var refusals = new List<string>();
        AlignedSignals? signals = null;
        MonitoringMeasurement? monitoring = null;
        if (exports.CloudWatch.Count > 0 || exports.Prometheus.Count > 0)
        {
            if (exports.CloudWatch.Count == 0)
                throw new MeasurementException(folder, "", "has Prometheus exports but no CloudWatch metric data: the load is known but not the CPU it took (see project queries)");
            signals = SignalAlignment.Align(exports);
            monitoring = CalibrationMaths.Monitoring(signals.Samples, signals.Period, exports.Analytics?.RegisteredUsers, CapacityCurve.App, CapacityCurve.Database);
            refusals.AddRange(monitoring.Refusals);
            if (exports.Analytics is null && monitoring.Refusals.Count == 0)
                refusals.Add("concurrency ratio: no Mattermost analytics (registered users) in the folder, so the ratio is not measured");
        }
        else if (exports.Analytics is not null)
            refusals.Add("concurrency ratio: the analytics give registered users, but without the WebSocket counts over a window the peak is unknown");

        LoadTestMeasurement? loadTest = null;
        if (exports.Status is { } status && exports.Report is { } report)
        {
            var stop = status.Stop ?? DateTimeOffset.MaxValue;
            var slack = TimeSpan.FromMinutes(2);
            if (report.Start < status.Start - slack || report.End > stop + slack)
                throw new MeasurementException(report.File, "$.StartTime",
                    $"the report covers {report.Start:yyyy-MM-dd HH:mm}..{report.End:HH:mm} UTC, outside the coordinator's run {status.Start:yyyy-MM-dd HH:mm}..{(status.Stop is { } s ? s.ToString("HH:mm") : "now")} ({status.File}): they are of different runs");
            var appVcpu = o.AppNodes * (decimal)(Catalog.InstanceTypes.Find(o.AppInstanceType)?.VCpus
                ?? throw new MeasurementException(o.File, "$.capacitySignals.appInstanceType", $"'{o.AppInstanceType}' is not an instance type this tool knows: its vCPU is unknown; no calibration"));
            loadTest = CalibrationMaths.LoadTest(status.State, status.SupportedUsers, appVcpu, report.Start, report.End, CapacityCurve.App);
            if (loadTest.Refusal is not null) refusals.Add(loadTest.Refusal);
        }

        var app = loadTest?.Factor ?? monitoring?.App?.Factor;
        var basis = loadTest?.Factor is not null ? "load test" : monitoring?.App?.Factor is not null ? "monitoring" : null;
        var database = monitoring?.Database?.Factor;
        var ratio = monitoring?.ConcurrencyRatio;
        if (app is null && database is null && ratio is null)
            throw new CalibrationRefusedException(folder, refusals.Count > 0 ? refusals : ["the folder has neither monitoring exports nor a load test"]);

        CapacityCalibration? calibration = null;
        if (app is not null || database is not null)
        {
            var windows = new List<(DateTimeOffset Start, DateTimeOffset End)>();
            if (monitoring is not null && (monitoring.App?.Factor is not null && basis == "monitoring" || database is not null)) windows.Add((monitoring.Start, monitoring.End));
            if (basis == "load test") windows.Add((exports.Report!.Start, exports.Report.End));
            var first = DateOnly.FromDateTime(windows.Min(w => w.Start).UtcDateTime);
            // The window's end is exclusive: 2027-01-24T00:00Z closes a window whose last day is the 23rd.
            var last = DateOnly.FromDateTime(windows.Max(w => w.End).UtcDateTime.AddTicks(-1));
            calibration = new CapacityCalibration(app, database, folder, first, last, last);
        }
        return new PilotCalibration(exports, signals, monitoring, loadTest, ratio, calibration, basis, refusals);
    }
}
