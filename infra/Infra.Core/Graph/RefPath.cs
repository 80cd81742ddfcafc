using System.Collections.Immutable;
using System.Globalization;

namespace Infra.Core.Graph;

/// <summary>One step of a reference path: a property name or a list index.</summary>
public abstract record PathStep
{
    public sealed record Property(string Name) : PathStep;

    public sealed record Index(int Position) : PathStep;
}

/// <summary>
/// Splits a reference path such as <c>masterUserSecrets[0].secretArn</c> into its steps, the way Pulumi
/// YAML reads <c>${resource.path}</c>: names separated by dots, list indexes in brackets. The first step is
/// always the output property of the resource (<see cref="RefValue.OutputProperty"/>).
/// </summary>
public static class RefPath
{
    public static ImmutableArray<PathStep> Parse(string path)
    {
        if (path.Length == 0) return [];
        var steps = ImmutableArray.CreateBuilder<PathStep>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0 || !int.TryParse(path.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    throw new GraphException($"reference path '{path}': expected [number] at position {i}");
                steps.Add(new PathStep.Index(index));
                i = close + 1;
                if (i < path.Length && path[i] == '.') i++;
                continue;
            }
            var end = path.IndexOfAny(['.', '['], i);
            if (end < 0) end = path.Length;
            if (end == i) throw new GraphException($"reference path '{path}': empty name at position {i}");
            steps.Add(new PathStep.Property(path[i..end]));
            i = end < path.Length && path[end] == '.' ? end + 1 : end;
            if (end < path.Length && path[end] == '.' && i == path.Length)
                throw new GraphException($"reference path '{path}': ends with '.'");
        }
        return steps.ToImmutable();
    }
}
