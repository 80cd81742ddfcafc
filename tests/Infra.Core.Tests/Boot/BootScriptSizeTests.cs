using System.Text;
using Infra.Core.Graph;
using Infra.Core.Tests.Support;
using Xunit.Abstractions;

namespace Infra.Core.Tests.Boot;

/// <summary>
/// EC2 refuses user data over 16 KB, counted before base64 (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html,
/// "User data is limited to 16 KB, in raw form, before it is base64-encoded"): a launch template with more fails
/// `pulumi up`, or worse, an instance refresh. Every boot script the project renders stays under it with room to grow.
/// </summary>
public class BootScriptSizeTests(ITestOutputHelper output)
{
    public const int Limit = 16 * 1024;

    /// <summary>Room left for later additions and for real output values longer than the samples.</summary>
    public const int Margin = 2 * 1024;

    /// <summary>An upper bound for one output the script holds: a DNS name has at most 253 bytes, and the ARNs and names here are shorter.</summary>
    public const int LongestOutput = 256;

    [Theory]
    [MemberData(nameof(BootScripts.Names), MemberType = typeof(BootScripts))]
    public void The_user_data_fits_in_16_KB_with_margin(string name)
    {
        var plan = BootScripts.All[name];
        var script = BootScripts.Script(plan.Graph);
        var sample = Encoding.UTF8.GetByteCount(BootScripts.Text(plan));
        // Every output at its longest: the size no deployment of this stack can exceed.
        var longest = script.References().Distinct().ToDictionary(r => r, _ => new string('x', LongestOutput));
        var worst = Encoding.UTF8.GetByteCount(new SampleOutputs(plan.Graph, plan.Settings.Region, longest).Text(script));
        output.WriteLine($"{name}: {sample} bytes with sample outputs, at most {worst} bytes with every output {LongestOutput} bytes long; limit {Limit}");
        Assert.True(sample <= Limit - Margin, $"{name}: {sample} bytes of user data; keep it under {Limit - Margin} ({Limit} is EC2's limit)");
        Assert.True(worst <= Limit, $"{name}: up to {worst} bytes of user data with long outputs; EC2 refuses more than {Limit}");
    }
}
