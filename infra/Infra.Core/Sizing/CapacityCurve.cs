namespace Infra.Core.Sizing;

/// <summary>
/// A monotone piecewise-linear curve from concurrent users to total vCPU, through the reference tiers.
/// Between two tiers the need grows linearly, so a load between tiers is not given the next tier's
/// hardware; beyond the largest tier the last segment's slope is extended.
/// </summary>
public sealed class CapacityCurve
{
    private readonly (decimal Users, decimal Vcpu)[] _points;

    public CapacityCurve(IEnumerable<(decimal Users, decimal Vcpu)> points)
    {
        _points = [(0m, 0m), .. points.OrderBy(p => p.Users)];
        for (var i = 1; i < _points.Length; i++)
            if (_points[i].Users <= _points[i - 1].Users || _points[i].Vcpu < _points[i - 1].Vcpu)
                throw new ArgumentException("capacity points must rise with users");
    }

    /// <summary>
    /// The CPU share the reference hardware is taken to run at when it carries its tier's users: the load-test coordinator's
    /// CPU threshold, 85 % of the app nodes (load-test-framework.md §6, config/coordinator.sample.json). The reference tiers
    /// are the largest loads their hardware carried within the thresholds, so vCPU x 0.85 is what the curve predicts in use.
    /// </summary>
    public const decimal ReferenceCpuShare = 0.85m;

    /// <summary>App vCPU of each reference tier (nodes x vCPU per node).</summary>
    public static CapacityCurve App { get; } = new(ReferenceArchitectures.Tiers.Select(t =>
        ((decimal)t.ConcurrentUsers, (decimal)(t.AppNodes * Catalog.InstanceTypes.Get(t.AppInstanceType).VCpus))));

    /// <summary>Database vCPU of each reference tier (writer + readers).</summary>
    public static CapacityCurve Database { get; } = new(ReferenceArchitectures.Tiers.Select(t =>
        ((decimal)t.ConcurrentUsers, (decimal)(t.DatabaseInstances * Catalog.InstanceTypes.Get(t.DatabaseClass).VCpus))));

    /// <summary>
    /// The same curve with every vCPU need multiplied by <paramref name="factor"/>: a calibration measured on a pilot
    /// (<see cref="Settings.CapacityCalibration"/>). 1 is this curve itself.
    /// </summary>
    public CapacityCurve Scaled(decimal factor)
    {
        if (factor <= 0) throw new ArgumentOutOfRangeException(nameof(factor), factor, "a calibration factor is positive");
        return factor == 1m ? this : new CapacityCurve(_points.Skip(1).Select(p => (p.Users, p.Vcpu * factor)));
    }

    public decimal VcpuFor(decimal users)
    {
        if (users <= 0) return 0;
        for (var i = 1; i < _points.Length; i++)
        {
            var (u1, v1) = _points[i];
            if (users <= u1)
            {
                var (u0, v0) = _points[i - 1];
                return v0 + (v1 - v0) * (users - u0) / (u1 - u0);
            }
        }
        var (ua, va) = _points[^2];
        var (ub, vb) = _points[^1];
        return vb + (vb - va) * (users - ub) / (ub - ua);
    }

    /// <summary>The inverse: how many concurrent users <paramref name="vcpu"/> carries.</summary>
    public decimal UsersFor(decimal vcpu)
    {
        if (vcpu <= 0) return 0;
        for (var i = 1; i < _points.Length; i++)
        {
            var (u1, v1) = _points[i];
            if (vcpu <= v1)
            {
                var (u0, v0) = _points[i - 1];
                return v1 == v0 ? u1 : u0 + (u1 - u0) * (vcpu - v0) / (v1 - v0);
            }
        }
        var (ua, va) = _points[^2];
        var (ub, vb) = _points[^1];
        return ub + (ub - ua) * (vcpu - vb) / (vb - va);
    }
}
