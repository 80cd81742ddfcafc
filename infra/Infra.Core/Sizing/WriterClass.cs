using System.Globalization;
using Infra.Core.Catalog;

namespace Infra.Core.Sizing;

/// <summary>
/// The class of the Aurora writer (and of every reader, so that a reader can take the writer's load on failover).
/// <para>
/// Up to the largest reference tier the writer takes the covering tier's class: the tiers were measured so. A writer
/// cannot scale out, so beyond the last tier its class grows with the load: the last tier's writer carried its users
/// on its vCPU, writes grow with the users, so the writer needs that vCPU x (design load / last tier's users); the
/// smallest class of the same family (db.r7g) in the catalogue with at least that vCPU is taken. Past the largest
/// class the catalogue holds, no writer carries the load and the plan is refused.
/// </para>
/// </summary>
public static class WriterClass
{
    /// <param name="Class">The class chosen (the largest one when none carries the load).</param>
    /// <param name="NeededVcpu">The writer vCPU the load needs (null while the covering tier's class is used).</param>
    /// <param name="Reason">Why, for the sizing decision.</param>
    /// <param name="Problem">Set when no class in the catalogue carries the load.</param>
    public sealed record Choice(string Class, decimal? NeededVcpu, string Reason, string? Problem);

    /// <summary>The family the writer grows in: the largest tier's ("db.r7g.").</summary>
    public static string Family => ReferenceArchitectures.Largest.DatabaseClass[..(ReferenceArchitectures.Largest.DatabaseClass.LastIndexOf('.') + 1)];

    /// <summary>The family's classes in the catalogue, smallest first.</summary>
    public static IReadOnlyList<InstanceType> Classes { get; } = [.. InstanceTypes.All
        .Where(t => t.Family == InstanceFamily.Database && t.Name.StartsWith(Family, StringComparison.Ordinal))
        .OrderBy(t => t.VCpus)];

    public static InstanceType Largest => Classes[^1];

    /// <summary>Writer vCPU for <paramref name="designLoad"/> beyond the last tier: the last tier's writer vCPU, grown with the users.</summary>
    public static decimal VcpuFor(decimal designLoad) =>
        InstanceTypes.Get(ReferenceArchitectures.Largest.DatabaseClass).VCpus * designLoad / ReferenceArchitectures.Largest.ConcurrentUsers;

    public static Choice For(decimal designLoad, string? forced)
    {
        var last = ReferenceArchitectures.Largest;
        if (forced is not null) return new(forced, null, "class set by mattermost:databaseInstanceClass", null);
        if (designLoad <= last.ConcurrentUsers)
        {
            var governing = ReferenceArchitectures.Covering(designLoad);
            return new(governing.DatabaseClass, null,
                $"the writer cannot scale out, so it takes the class of the covering tier ({Users(governing.ConcurrentUsers)}); every instance has the same class so a reader can take the writer's load on failover", null);
        }
        var need = VcpuFor(designLoad);
        var lastVcpu = InstanceTypes.Get(last.DatabaseClass).VCpus;
        var how = $"beyond the last tier the writer grows with the load: {last.DatabaseClass}'s {lastVcpu} vCPU carried {Users(last.ConcurrentUsers)} users, " +
                  $"so {Users(designLoad)} need {Vcpu(need)} vCPU on the writer (writes grow with the users; a writer cannot scale out)";
        var fit = Classes.FirstOrDefault(c => c.VCpus >= need);
        if (fit is null)
            return new(Largest.Name, need, how + $"; the largest class in the catalogue, {Largest.Name}, has {Largest.VCpus}",
                $"the writer needs {Vcpu(need)} vCPU for the design load of {Users(designLoad)} ({how[(how.IndexOf(':') + 2)..]}), " +
                $"more than the largest {Family}* class, {Largest.Name} ({Largest.VCpus} vCPU); one Aurora cluster has one writer");
        return new(fit.Name, need, how + $"; {fit.Name} is the smallest {Family}* class with at least that ({fit.VCpus} vCPU, {fit.MemoryGiB:0} GiB); " +
                                        "every instance has the same class so a reader can take the writer's load on failover", null);
    }

    private static string Users(decimal n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Vcpu(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
