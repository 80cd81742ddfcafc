using System.Collections;
using Infra.Core.Graph;

namespace Infra.Deploy.Values;

/// <summary>Follows the rest of a reference path (<c>[0].secretArn</c>) into an output's value.</summary>
public static class PathNavigation
{
    public static object? Follow(object? value, IEnumerable<PathStep> steps, RefValue reference)
    {
        foreach (var step in steps)
        {
            value = (step, value) switch
            {
                (PathStep.Property p, IDictionary map) when map.Contains(p.Name) => map[p.Name],
                (PathStep.Index i, IList list) when i.Position < list.Count => list[i.Position],
                _ => throw new InvalidOperationException(
                    $"{reference.Expression}: the value of '{reference.Resource}' has no {Describe(step)} (it is {Describe(value)})"),
            };
        }
        return value;
    }

    private static string Describe(PathStep step) => step switch
    {
        PathStep.Property p => $"property '{p.Name}'",
        PathStep.Index i => $"item [{i.Position}]",
        _ => step.ToString(),
    };

    private static string Describe(object? value) => value switch
    {
        null => "empty",
        IDictionary map => $"an object with {string.Join(", ", map.Keys.Cast<object>().Select(k => $"'{k}'"))}",
        IList list => $"a list of {list.Count}",
        _ => $"a {value.GetType().Name}",
    };
}
