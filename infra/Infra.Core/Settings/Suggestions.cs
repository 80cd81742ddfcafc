namespace Infra.Core.Settings;

/// <summary>Edit distance for "did you mean" suggestions and for telling a misspelt namespace from another provider's.</summary>
public static class Suggestions
{
    /// <summary>
    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    /// neighbouring characters each cost 1 (so "mattermots" is 1 from "mattermost").
    /// </summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    /// <summary>Case-insensitive distance: a capitalised namespace or key is still a near miss.</summary>
    public static int DistanceIgnoringCase(string a, string b) => Distance(a.ToLowerInvariant(), b.ToLowerInvariant());
}
