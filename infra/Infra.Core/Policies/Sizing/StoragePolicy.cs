using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Sizing;

/// <summary>
/// MM-SIZE-005: the file-storage forecast over the growth horizon fits where files are kept. An S3 bucket has
/// no size limit; without one Mattermost's local file driver keeps files on each app node's volume, which
/// must then hold the forecast.
/// </summary>
public sealed class StoragePolicy : SizingPolicy
{
    public override string Id => "MM-SIZE-005";
    public override string Name => "Storage forecast fits the allocated storage";
    public override Severity Severity => Severity.High;
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/scale/lifetime-storage.html";

    public override string Guideline =>
        "Mattermost's lifetime-storage formula (0.8 GB + MB/user/month x months x mean registered users x 2) gives the files the stack must hold by " +
        "the end of the growth horizon. Keep files in S3 (no fixed size; HA needs one shared store); a stack without a bucket keeps files on the " +
        "app nodes' volumes, which must then be at least the high end of the forecast.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (ctx.Sizing is not { } basis) { yield return NoBasis("the storage forecast"); yield break; }
        var forecast = $"forecast {basis.StorageLowGb:0.#}-{basis.StorageHighGb:0.#} GiB of files after {basis.HorizonMonths} months";
        var buckets = ctx.Facts.OfTypes(Types.Buckets).ToList();
        foreach (var b in buckets)
            yield return Finding.Pass(b.Name, b.Type, $"S3 bucket: no fixed size; {forecast}");
        if (buckets.Count > 0) yield break;

        var templates = ctx.Facts.AppCompute.Select(c => c.LaunchTemplate ?? (c.Node.Type == Types.Ec2Instance ? c.Node : null)).OfType<ResourceNode>().DistinctBy(n => n.Name).ToList();
        if (templates.Count == 0) { yield return Finding.Fail("(stack)", "", $"no S3 bucket and no app volume: nowhere to keep files ({forecast})"); yield break; }
        foreach (var t in templates)
        {
            var size = VolumeGb(t);
            var text = $"no S3 bucket, so files stay on the app volume of {(size is null ? "unknown size" : $"{size} GiB")}; {forecast}";
            yield return Finding.Check(size >= basis.StorageHighGb, t.Name, t.Type, text, text + ": it does not fit");
        }
    }

    private static decimal? VolumeGb(ResourceNode n)
    {
        var sizes = Items(n.Properties["blockDeviceMappings"]).OfType<MapValue>().Select(m => Number(m.At("ebs.volumeSize")))
            .Concat([Number(n.Properties.At("rootBlockDevice.volumeSize"))]).OfType<decimal>().ToList();
        return sizes.Count == 0 ? null : sizes.Sum();
    }
}
