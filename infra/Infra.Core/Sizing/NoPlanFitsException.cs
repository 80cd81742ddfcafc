using System.Globalization;
using Infra.Core.Settings;

namespace Infra.Core.Sizing;

/// <summary>
/// No plan for the stack's load fits inside the cloud's limits (Aurora's readers, the database class's connections,
/// the node types). Bad input, not a bug: the message names the stack file, the load key, every limit broken and the
/// largest load the stack's shape does plan, and the CLI turns it into exit 2.
/// </summary>
public sealed class NoPlanFitsException(string message, IReadOnlyList<string> limits, LargestLoad? largest) : Exception(message)
{
    /// <summary>The limits the requested load breaks, one sentence each.</summary>
    public IReadOnlyList<string> Limits { get; } = limits;

    /// <summary>The largest load the same settings plan, or null when none does.</summary>
    public LargestLoad? Largest { get; } = largest;

    public static NoPlanFitsException For(StackSettings s, LoadProjection load, IReadOnlyList<string> limits, LargestLoad? largest)
    {
        var key = SizingLimits.LoadKey(s);
        var value = SizingLimits.LoadValue(s);
        var c = CultureInfo.InvariantCulture;
        var text = $"Pulumi.{s.Stack}.yaml: config.{key}: no plan fits {value.ToString("#,0", c)} " +
                   $"({load.PeakConcurrent.ToString("#,0", c)} concurrent users at the peak, design load {load.DesignLoad.ToString("#,0", c)}): " +
                   string.Join("; ", limits) + ". ";
        text += largest is { } l
            ? $"The largest load this stack's shape plans with the same settings is {key} = {l.Value.ToString("#,0", c)} " +
              $"(peak {l.PeakConcurrent.ToString("#,0", c)}, design load {l.DesignLoad.ToString("#,0", c)} concurrent users); " +
              "lower the load or its growth, or split the users over several stacks"
            : "No load plans with this stack's other settings; change the overrides (mattermost:databaseInstanceClass, mattermost:appInstanceType)";
        return new NoPlanFitsException(text, limits, largest);
    }
}

/// <summary>The largest value of the load key (<see cref="Key"/>) that plans, and the load it gives.</summary>
public sealed record LargestLoad(string Key, int Value, int PeakConcurrent, int DesignLoad);
