using Infra.Core.Settings;

namespace Infra.Core.Sizing;

/// <summary>
/// The largest load a stack's shape can plan: every setting kept, only the load varied (registered users, or the
/// measured peak when the stack gives one), found by bisection over the sizing itself, so it follows whatever
/// limits the sizing enforces.
/// </summary>
public static class SizingLimits
{
    /// <summary>The setting the load is varied through: the measured peak when set, else the registered users.</summary>
    public static string LoadKey(StackSettings s) =>
        s.Load.PeakConcurrentUsers is null ? "mattermost:registeredUsers" : "mattermost:peakConcurrentUsers";

    public static int LoadValue(StackSettings s) => s.Load.PeakConcurrentUsers ?? s.Load.RegisteredUsers;

    public static StackSettings WithLoad(StackSettings s, int value) =>
        s with
        {
            Load = s.Load.PeakConcurrentUsers is null
                ? s.Load with { RegisteredUsers = value }
                : s.Load with { PeakConcurrentUsers = value },
        };

    /// <summary>
    /// The largest value of <see cref="LoadKey"/> below the stack's own for which the sizing finds a plan, or null when
    /// even 1 does not plan. Bisection: about log2(value) sizings (23 for 5,000,000), each a few milliseconds.
    /// </summary>
    public static LargestLoad? LargestSupportedLoad(StackSettings s) => LargestSupportedLoad(s, out _);

    /// <param name="sizings">How many sizings the bisection ran.</param>
    public static LargestLoad? LargestSupportedLoad(StackSettings s, out int sizings)
    {
        var count = 0;
        SizingEngine.SizingAttempt Try(int v)
        {
            count++;
            return SizingEngine.Attempt(WithLoad(s, v));
        }

        sizings = 0;
        var first = Try(1);
        if (first.Plan is null)
        {
            sizings = count;
            return null;
        }
        int lo = 1, hi = LoadValue(s); // lo plans; hi is the stack's own value (it may or may not plan)
        var best = first.Plan;
        if (Try(hi).Plan is { } own) { lo = hi; best = own; }
        else
            while (hi - lo > 1)
            {
                var mid = lo + (hi - lo) / 2;
                if (Try(mid).Plan is { } p) { lo = mid; best = p; }
                else hi = mid;
            }
        sizings = count;
        return new LargestLoad(LoadKey(s), lo, best.Load.PeakConcurrent, best.Load.DesignLoad);
    }
}
