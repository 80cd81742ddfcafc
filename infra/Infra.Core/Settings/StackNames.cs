using System.Text.RegularExpressions;

namespace Infra.Core.Settings;

/// <summary>
/// What a stack (and project) may be called. Pulumi allows letters, digits, '-', '_' and '.'; here the
/// stack name also becomes part of names with stricter rules, so the closed set is their intersection:
/// <list type="bullet">
/// <item>S3 bucket prefix <c>mattermost-STACK-files-</c>: lower case letters, digits, '-' and '.'; at most 37
///   characters (pulumi-aws <c>aws.s3.Bucket</c> bucketPrefix: "Must be lowercase and less than or equal to 37
///   characters in length"; docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).</item>
/// <item>RDS final snapshot identifier <c>mattermost-STACK-final</c>: letters, digits and hyphens, no two
///   hyphens in a row, not ending in a hyphen (RDS CreateDBClusterSnapshot, DBClusterSnapshotIdentifier).</item>
/// <item>KMS aliases <c>alias/mattermost-STACK-...</c>: letters, digits, '/', '_' and '-' (KMS CreateAlias).</item>
/// <item>The VM tier's boot script and its Mattermost cluster name, log group names and tag values: a closed
///   character set keeps the name from changing their meaning (no spaces, quotes, '$' or newlines).</item>
/// </list>
/// </summary>
public static partial class StackNames
{
    /// <summary>"mattermost-" + stack + "-files-" must fit S3's 37-character bucket prefix.</summary>
    public const int MaxLength = 37 - 11 - 7;

    /// <summary>Why <paramref name="stack"/> cannot be a stack name here, or null when it can.</summary>
    public static string? Problem(string stack)
    {
        if (stack.Length == 0) return "is empty; name the stack";
        if (!PulumiName().IsMatch(stack))
        {
            var bad = stack.Where(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')).Distinct().Select(Show);
            return $"is not allowed by Pulumi: Pulumi stack names are letters, digits, '-', '_' and '.' (found {string.Join(", ", bad)})";
        }
        var problems = new List<string>();
        if (stack.Any(char.IsAsciiLetterUpper))
            problems.Add($"has upper case letters, but it names the S3 bucket prefix mattermost-{stack}-files-, and S3 bucket names are lower case (rename the file to Pulumi.{stack.ToLowerInvariant()}.yaml)");
        foreach (var c in stack.Where(c => c is '_' or '.').Distinct())
            problems.Add($"has '{c}', which RDS snapshot identifiers (mattermost-{stack}-final) do not allow{(c == '.' ? " and S3 advises against" : "")}; use '-'");
        if (!char.IsAsciiLetter(stack[0]))
            problems.Add("must start with a letter (RDS snapshot identifiers do)");
        if (stack.EndsWith('-'))
            problems.Add("must end with a letter or digit (RDS snapshot identifiers cannot end in a hyphen)");
        if (stack.Contains("--", StringComparison.Ordinal))
            problems.Add("has two hyphens in a row, which RDS snapshot identifiers do not allow");
        if (stack.Length > MaxLength)
            problems.Add($"is {stack.Length} characters long; the S3 bucket prefix mattermost-{stack}-files- must be at most 37 characters in total, so stack names are at most {MaxLength}");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>Pulumi's rule for project names: letters, digits, '-', '_' and '.', at most 100 characters.</summary>
    public static string? ProjectNameProblem(string name) =>
        PulumiName().IsMatch(name) && name.Length <= 100
            ? null
            : $"'{Printable.Text(name)}' is not a Pulumi project name: letters, digits, '-', '_' and '.', at most 100 characters";

    private static string Show(char c) => c switch
    {
        ' ' => "a space",
        '\n' => "a newline",
        '\t' => "a tab",
        _ when char.IsControl(c) => $"control character U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex PulumiName();
}
