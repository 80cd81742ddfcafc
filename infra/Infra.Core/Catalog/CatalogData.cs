using System.Text.Json;

namespace Infra.Core.Catalog;

/// <summary>The JSON data files of <c>Catalog/Data/</c>, embedded in the assembly so that no test or command reads them from disk.</summary>
internal static class CatalogData
{
    public static JsonDocument Open(string fileName)
    {
        var name = $"Infra.Core.Catalog.Data.{fileName}";
        using var stream = typeof(CatalogData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from Infra.Core");
        return JsonDocument.Parse(stream);
    }

    /// <summary>Edit distance, for "did you mean" suggestions of misspelt names.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The candidate nearest to <paramref name="name"/>, when it is close enough to be a likely misspelling.</summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(name.ToUpperInvariant(), c.ToUpperInvariant());
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(c, best) < 0)) (best, bestDistance) = (c, d);
        }
        return best is not null && bestDistance <= Math.Max(2, name.Length / 5) ? best : null;
    }
}
