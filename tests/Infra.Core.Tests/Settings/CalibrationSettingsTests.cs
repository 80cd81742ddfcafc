using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Settings;

/// <summary>mattermost:measuredConcurrencyRatio and mattermost:capacityCalibration: read strictly, bounded, every problem naming file and key.</summary>
public class CalibrationSettingsTests
{
    private const string Calibration = """
        mattermost:capacityCalibration:
            app: 1.3
            database: 1.1
            source: examples/pilot-measurements
            window: 2027-01-10..2027-01-24
            measuredOn: 2027-01-24
        """;

    private static StackSettings Load(params string[] lines)
    {
        using var p = new TempProject(TempProject.With(lines));
        return new StackSettingsLoader(p.Directory).Load("staging");
    }

    private static IReadOnlyList<ConfigProblem> Problems(params string[] lines)
    {
        using var p = new TempProject(TempProject.With(lines));
        return Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).Load("staging")).Problems;
    }

    private static string[] Cal(string text) => text.Split('\n');

    [Fact]
    public void A_calibration_and_a_measured_ratio_are_read()
    {
        var s = Load([.. Cal(Calibration), "mattermost:measuredConcurrencyRatio: 0.243"]);
        Assert.Equal(0.243m, s.Load.MeasuredConcurrencyRatio);
        var c = s.Load.Calibration!;
        Assert.Equal((1.3m, 1.1m), (c.App, c.Database));
        Assert.Equal("examples/pilot-measurements", c.Source);
        Assert.Equal("2027-01-10..2027-01-24", c.Window);
        Assert.Equal("2027-01-10..24", c.ShortWindow);
        Assert.Equal(new DateOnly(2027, 1, 24), c.MeasuredOn);
        Assert.Contains(s.Resolved, r => r.Key == "mattermost:capacityCalibration" && r.Source == "Pulumi.staging.yaml");
    }

    [Fact]
    public void Without_them_nothing_changes()
    {
        var s = Load();
        Assert.Null(s.Load.MeasuredConcurrencyRatio);
        Assert.Null(s.Load.Calibration);
    }

    [Theory]
    [InlineData("app: 1.3", "app: 3.5", "config.mattermost:capacityCalibration.app", "from 0.5 to 3")]
    [InlineData("app: 1.3", "app: 0.4", "config.mattermost:capacityCalibration.app", "calls for a load test")]
    [InlineData("database: 1.1", "database: lots", "config.mattermost:capacityCalibration.database", "got 'lots'")]
    [InlineData("window: 2027-01-10..2027-01-24", "window: 2027-01-24..2027-01-10", "config.mattermost:capacityCalibration.window", "first day not after the last")]
    [InlineData("window: 2027-01-10..2027-01-24", "window: last fortnight", "config.mattermost:capacityCalibration.window", "YYYY-MM-DD..YYYY-MM-DD")]
    [InlineData("measuredOn: 2027-01-24", "measuredOn: 2027-01-20", "config.mattermost:capacityCalibration.measuredOn", "before the window ends")]
    [InlineData("measuredOn: 2027-01-24", "measuredOn: 24/01/2027", "config.mattermost:capacityCalibration.measuredOn", "expected a date")]
    [InlineData("source: examples/pilot-measurements", "sorce: examples/pilot-measurements", "config.mattermost:capacityCalibration.sorce", "did you mean source?")]
    public void A_bad_calibration_value_names_its_key(string from, string to, string key, string expected)
    {
        var problems = Problems(Cal(Calibration.Replace(from, to)));
        Assert.Contains(problems, p => p.File == "Pulumi.staging.yaml" && p.Key == key && p.Message.Contains(expected));
    }

    [Fact]
    public void A_calibration_without_a_factor_or_its_evidence_is_refused()
    {
        var none = Problems(Cal(Calibration.Replace("    app: 1.3\n", "").Replace("    database: 1.1\n", "")));
        Assert.Contains(none, p => p.Key == "config.mattermost:capacityCalibration" && p.Message.Contains("calibrates nothing"));
        var noSource = Problems(Cal(Calibration.Replace("    source: examples/pilot-measurements\n", "")));
        Assert.Contains(noSource, p => p.Key == "config.mattermost:capacityCalibration.source" && p.Message.Contains("is required"));
        var scalar = Problems("mattermost:capacityCalibration: 1.3");
        Assert.Contains(scalar, p => p.Key == "config.mattermost:capacityCalibration" && p.Message.Contains("got '1.3'"));
    }

    [Theory]
    [InlineData("0", "from 0.01 to 1")]
    [InlineData("1.5", "from 0.01 to 1")]
    public void A_measured_ratio_outside_its_bounds_is_refused(string value, string expected)
    {
        var problems = Problems($"mattermost:measuredConcurrencyRatio: {value}");
        Assert.Contains(problems, p => p.Key == "config.mattermost:measuredConcurrencyRatio" && p.Message.Contains(expected));
    }

    [Fact]
    public void A_measured_ratio_beside_a_measured_peak_would_be_ignored_and_is_refused()
    {
        var problems = Problems("mattermost:measuredConcurrencyRatio: 0.25", "mattermost:peakConcurrentUsers: 300");
        Assert.Contains(problems, p => p.Key == "config.mattermost:measuredConcurrencyRatio" && p.Message.Contains("would be ignored"));
    }
}
