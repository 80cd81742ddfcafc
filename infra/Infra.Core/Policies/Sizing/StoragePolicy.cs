using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Sizing;

/// <summary>
/// MM-SIZE-005: the file-storage forecast over the growth horizon fits where files are kept. An S3 bucket has
/// no size limit; without one Mattermost's local file driver keeps files on each app node's volume, which
/// must then hold the forecast. On Kubernetes the Mattermost resource's fileStore decides.
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
        "app nodes' volumes, which must then be at least the high end of the forecast. On Kubernetes the Mattermost resource's spec.fileStore " +
        "decides: external S3 (fileStore.external with url and bucket) fits any forecast; a local volume or the operator-managed MinIO the " +
        "operator falls back to holds storageSize (50Gi by default).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (ctx.Sizing is not { } basis) { yield return NoBasis("the storage forecast"); yield break; }
        var forecast = $"forecast {basis.StorageLowGb:0.#}-{basis.StorageHighGb:0.#} GiB of files after {basis.HorizonMonths} months";
        // On Kubernetes the Mattermost resource says where its files go; a bucket elsewhere in the program is not proof.
        var mattermosts = KubernetesObjects.Mattermosts(ctx.Graph).ToList();
        if (mattermosts.Count > 0)
        {
            foreach (var mm in mattermosts) yield return FileStore(ctx, mm, basis, forecast);
            yield break;
        }
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

    /// <summary>
    /// The Mattermost resource's spec.fileStore, read as the operator does (mattermost-operator 07a736bb,
    /// apis/mattermost/v1beta1/file_store_util.go): external S3 (a URL) has no fixed size; a local PVC or the
    /// operator-managed MinIO it falls back to hold storageSize, 50Gi unless set (DefaultFilestoreStorageSize).
    /// </summary>
    private static Finding FileStore(PolicyContext ctx, KubeObject mm, SizingBasis basis, string forecast)
    {
        var store = mm.Spec["fileStore"] as MapValue ?? MapValue.Empty;
        var who = $"Mattermost {mm.Name}";
        if (store["external"] is MapValue external && external["url"] is { } url && Text(url) is not "")
        {
            var bucket = external["bucket"];
            var declared = RefNames(bucket).Select(ctx.Graph.Find).FirstOrDefault(n => n is not null && Types.Buckets.Contains(n.Type));
            return Finding.Pass(mm.Node.Name, mm.Node.Type, $"{who} keeps files in S3 bucket {declared?.Name ?? Show(bucket)}" +
                (declared is null ? " (not declared by this program)" : "") + $": no fixed size; {forecast}");
        }
        if (store["externalVolume"] is MapValue volume && Text(volume["volumeClaimName"]) is { Length: > 0 } claim)
        {
            var pvc = KubernetesObjects.OfKind(ctx.Graph, "PersistentVolumeClaim").FirstOrDefault(o => o.Name == claim && (o.Namespace ?? "default") == (mm.Namespace ?? "default"));
            var size = Gib(pvc?.Spec.At("resources.requests.storage"));
            var text = $"{who} keeps files on the volume claim {claim} of {(size is null ? "a size this program does not declare" : $"{size:0.#} GiB")}; {forecast}";
            return Finding.Check(size >= basis.StorageHighGb, mm.Node.Name, mm.Node.Type, text, text + ": it cannot be shown to fit");
        }
        var local = store["local"] is MapValue l && Bool(l["enabled"]) == true ? l : null;
        var sized = local ?? store["operatorManaged"] as MapValue;
        var gib = Gib(sized?["storageSize"]) ?? DefaultStorageGib;
        var where = local is not null ? "a local volume (PVC)" : "the operator-managed MinIO (the operator's default without an external store)";
        var message = $"{who} keeps files on {where} of {gib:0.#} GiB; {forecast}";
        return Finding.Check(gib >= basis.StorageHighGb, mm.Node.Name, mm.Node.Type, message, message + ": it does not fit");
    }

    /// <summary>The operator's storageSize when none is set (DefaultFilestoreStorageSize = "50Gi").</summary>
    private const decimal DefaultStorageGib = 50;

    /// <summary>A Kubernetes storage quantity in GiB: 50Gi, 1Ti, 500G, 1000Mi.</summary>
    private static decimal? Gib(Value? quantity)
    {
        var t = Text(quantity);
        if (string.IsNullOrEmpty(t)) return null;
        (string Suffix, decimal Factor)[] units = [("Ki", 1m / 1048576), ("Mi", 1m / 1024), ("Gi", 1), ("Ti", 1024), ("Pi", 1048576),
            ("k", 1000m / 1073741824), ("M", 1000000m / 1073741824), ("G", 1000000000m / 1073741824), ("T", 1000000000000m / 1073741824)];
        foreach (var (suffix, factor) in units)
            if (t.EndsWith(suffix, StringComparison.Ordinal) && decimal.TryParse(t[..^suffix.Length], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n))
                return n * factor;
        return decimal.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var bytes) ? bytes / 1073741824 : null;
    }

    private static decimal? VolumeGb(ResourceNode n)
    {
        var sizes = Items(n.Properties["blockDeviceMappings"]).OfType<MapValue>().Select(m => Number(m.At("ebs.volumeSize")))
            .Concat([Number(n.Properties.At("rootBlockDevice.volumeSize"))]).OfType<decimal>().ToList();
        return sizes.Count == 0 ? null : sizes.Sum();
    }
}
