using System.IO.Compression;
using System.Net.Mail;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Infra.Core.Onboarding;

/// <summary>
/// Turns a directory export into Mattermost's bulk-import JSONL: the version line first, then teams, then users
/// (channels are not in a directory export; the teams' default channels are joined by the server). The rules are
/// Mattermost's own, checked offline so that the import job does not fail half-way:
/// server/channels/app/imports/import_validators.go, ValidateUserImportData (github.com/mattermost/mattermost):
/// a username that model.IsValidUsername accepts, an e-mail present and at most model.UserEmailMaxLength (128)
/// characters, a non-empty auth_service when given, first and last names at most 64 runes, position at most 128;
/// model/user.go: usernames are lower-case letters, digits, '.', '-', '_', start with a letter, at most 64
/// (UserNameMaxLength), and are not one of all, channel, matterbot, system. Derived usernames are kept to 22
/// characters, the limit the web app shows to people.
/// </summary>
public static class BulkImport
{
    public const int EmailMaxLength = 128;
    public const int UsernameMaxLength = 64;
    public const int DerivedUsernameMaxLength = 22;
    public const int NameMaxRunes = 64;
    public const int PositionMaxRunes = 128;
    public static readonly IReadOnlySet<string> RestrictedUsernames = new HashSet<string> { "all", "channel", "matterbot", "system" };
    private static readonly Regex ValidUsername = new("^[a-z][a-z0-9.\\-_]*$");
    private static readonly Regex TeamName = new("^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$");

    // Names as written (é, not \u00E9): the file is read by people before it is imported.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool IsValidUsername(string s) =>
        s.Length is >= 1 and <= UsernameMaxLength && ValidUsername.IsMatch(s) && !RestrictedUsernames.Contains(s);

    /// <summary>A valid username from a given one or the e-mail's local part: lower-cased, other characters as '.', a letter first.</summary>
    public static string Derive(string? given, string email)
    {
        var basis = (given ?? email.Split('@')[0]).ToLowerInvariant();
        var chars = basis.Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_' ? c : '.').ToArray();
        var name = Regex.Replace(new string(chars), "\\.{2,}", ".").Trim('.');
        if (name.Length == 0 || name[0] is < 'a' or > 'z') name = "u" + name;
        if (name.Length > DerivedUsernameMaxLength) name = name[..DerivedUsernameMaxLength].TrimEnd('.', '-', '_');
        if (RestrictedUsernames.Contains(name)) name += ".user";
        return name;
    }

    /// <summary>The JSONL lines, or every problem found (with line numbers of the export).</summary>
    public static (IReadOnlyList<string> Lines, IReadOnlyList<string> Problems, int Users) Build(
        IReadOnlyList<DirectoryUser> users, string? authService, IReadOnlyList<string> defaultTeams)
    {
        var problems = new List<string>();
        var byEmail = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var byUsername = new Dictionary<string, int>(StringComparer.Ordinal);
        var explicitNames = users.Where(u => u.Username is not null && IsValidUsername(u.Username.ToLowerInvariant()))
            .GroupBy(u => u.Username!.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Select(u => u.Line).ToList());
        var teams = new SortedSet<string>(StringComparer.Ordinal);
        var userLines = new List<string>();
        foreach (var u in users)
        {
            var at = $"line {u.Line}";
            var email = u.Email.Trim();
            if (email.Length == 0) { problems.Add($"{at}: email is missing"); continue; }
            if (email.Length > EmailMaxLength) { problems.Add($"{at}: email is longer than {EmailMaxLength} characters"); continue; }
            if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email) { problems.Add($"{at}: '{email}' is not an e-mail address"); continue; }
            if (byEmail.TryGetValue(email, out var first)) { problems.Add($"{at}: e-mail {email} duplicates line {first}"); continue; }
            byEmail[email] = u.Line;

            string username;
            var given = u.Username?.ToLowerInvariant();
            if (given is not null && IsValidUsername(given))
            {
                if (explicitNames[given].Count > 1 && explicitNames[given][0] != u.Line)
                {
                    problems.Add($"{at}: username {given} duplicates line {explicitNames[given][0]}");
                    continue;
                }
                username = given;
            }
            else
            {
                // Missing or invalid: derived, with a number appended when another row holds the name already.
                var basis = Derive(u.Username, email);
                username = basis;
                for (var n = 2; byUsername.ContainsKey(username) || explicitNames.ContainsKey(username); n++)
                    username = basis[..Math.Min(basis.Length, DerivedUsernameMaxLength - n.ToString().Length)] + n;
            }
            byUsername[username] = u.Line;
            if (u.FirstName is { } fn && fn.EnumerateRunes().Count() > NameMaxRunes) { problems.Add($"{at}: first_name is longer than {NameMaxRunes} characters"); continue; }
            if (u.LastName is { } ln && ln.EnumerateRunes().Count() > NameMaxRunes) { problems.Add($"{at}: last_name is longer than {NameMaxRunes} characters"); continue; }
            if (u.Position is { } p && p.EnumerateRunes().Count() > PositionMaxRunes) { problems.Add($"{at}: position is longer than {PositionMaxRunes} characters"); continue; }
            var userTeams = (u.Teams.Count > 0 ? u.Teams : defaultTeams).Select(t => t.ToLowerInvariant()).Distinct().ToList();
            var badTeam = userTeams.FirstOrDefault(t => !TeamName.IsMatch(t));
            if (badTeam is not null) { problems.Add($"{at}: '{badTeam}' is not a Mattermost team name (2-64 lower-case letters, digits, '-')"); continue; }
            foreach (var t in userTeams) teams.Add(t);

            var user = new JsonObject { ["username"] = username, ["email"] = email };
            if (authService is not null)
            {
                user["auth_service"] = authService;
                // LDAP signs in by the directory's id attribute (uid); SAML by the id the IdP asserts, here the e-mail.
                user["auth_data"] = authService == "ldap" ? (u.LdapId ?? username) : email;
            }
            if (u.FirstName is not null) user["first_name"] = u.FirstName;
            if (u.LastName is not null) user["last_name"] = u.LastName;
            if (u.Position is not null) user["position"] = u.Position;
            if (userTeams.Count > 0) user["teams"] = new JsonArray([.. userTeams.Select(t => (JsonNode)new JsonObject { ["name"] = t })]);
            userLines.Add(new JsonObject { ["type"] = "user", ["user"] = user }.ToJsonString(Json));
        }
        var lines = new List<string> { new JsonObject { ["type"] = "version", ["version"] = 1 }.ToJsonString(Json) };
        lines.AddRange(teams.Select(t => new JsonObject { ["type"] = "team", ["team"] = new JsonObject { ["name"] = t, ["display_name"] = t, ["type"] = "I" } }.ToJsonString(Json)));
        lines.AddRange(userLines);
        return (lines, problems, userLines.Count);
    }

    /// <summary>Checks a JSONL file (as built or as edited by hand) against the same rules, line by line.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<string> lines)
    {
        var problems = new List<string>();
        if (lines.Count == 0 || JsonNode.Parse(lines[0])?["type"]?.GetValue<string>() != "version")
            problems.Add("line 1: the first line must be the version line");
        var emails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, int>();
        var seenUser = false;
        for (var i = 1; i < lines.Count; i++)
        {
            var n = i + 1;
            var node = JsonNode.Parse(lines[i]);
            var type = node?["type"]?.GetValue<string>();
            if (type == "team" && seenUser) problems.Add($"line {n}: teams must come before users");
            if (type != "user") continue;
            seenUser = true;
            var u = node!["user"]!;
            var username = u["username"]?.GetValue<string>();
            var email = u["email"]?.GetValue<string>();
            if (username is null || !IsValidUsername(username)) problems.Add($"line {n}: username '{username}' is not valid");
            else if (!names.TryAdd(username, n)) problems.Add($"line {n}: username {username} duplicates line {names[username]}");
            if (email is null || email.Length is 0 or > EmailMaxLength) problems.Add($"line {n}: email missing or longer than {EmailMaxLength}");
            else if (!emails.TryAdd(email, n)) problems.Add($"line {n}: e-mail {email} duplicates line {emails[email]}");
            if (u["auth_service"] is { } a && a.GetValue<string>().Length == 0) problems.Add($"line {n}: auth_service is empty");
        }
        return problems;
    }

    /// <summary>The zip Mattermost's import job takes: the JSONL as import.jsonl at the root, deterministic timestamps.</summary>
    public static byte[] Zip(IReadOnlyList<string> lines)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("import.jsonl", CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var w = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            foreach (var l in lines) w.Write(l + "\n");
        }
        return memory.ToArray();
    }
}
