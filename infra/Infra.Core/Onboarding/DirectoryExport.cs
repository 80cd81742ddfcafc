using System.Text;

namespace Infra.Core.Onboarding;

/// <summary>
/// Reads a directory export: CSV with a header row naming at least <c>email</c> (optionally username, first_name,
/// last_name, position, and teams separated by ';'), or LDIF (mail, uid, givenName, sn, title; '::' values are
/// base64, folded lines continue with a space). Problems name the file and the line.
/// </summary>
public static class DirectoryExport
{
    private static readonly string[] CsvColumns = ["email", "username", "first_name", "last_name", "position", "teams"];

    public static IReadOnlyList<DirectoryUser> Read(string file)
    {
        if (!File.Exists(file)) throw new OnboardingInputException(file, "no such file");
        return file.EndsWith(".ldif", StringComparison.OrdinalIgnoreCase) ? ReadLdif(file) : ReadCsv(file);
    }

    public static IReadOnlyList<DirectoryUser> ReadCsv(string file)
    {
        var rows = CsvRows(File.ReadAllText(file), file);
        if (rows.Count == 0) throw new OnboardingInputException(file, "empty: expected a header row naming at least 'email'");
        var header = rows[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var h in header)
            if (!CsvColumns.Contains(h)) throw new OnboardingInputException(file, $"line 1: unknown column '{h}' (known: {string.Join(", ", CsvColumns)})");
        if (!header.Contains("email")) throw new OnboardingInputException(file, "line 1: the header must name an 'email' column");
        var users = new List<DirectoryUser>();
        foreach (var (line, fields) in rows.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            if (fields.Count != header.Count) throw new OnboardingInputException(file, $"line {line}: {fields.Count} fields, the header has {header.Count}");
            string? F(string name) => header.IndexOf(name) is var i and >= 0 && fields[i].Trim() is { Length: > 0 } v ? v : null;
            var teams = (F("teams") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            users.Add(new DirectoryUser(line, F("email") ?? "", F("username"), F("first_name"), F("last_name"), F("position"), teams, null));
        }
        return users;
    }

    /// <summary>RFC 4180 rows with the line each starts on (a quoted field may span lines).</summary>
    private static List<(int Line, List<string> Fields)> CsvRows(string text, string file)
    {
        var rows = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    rows.Add((start, fields)); fields = [];
                    start = ++line;
                    break;
                default: field.Append(c); break;
            }
        }
        if (quoted) throw new OnboardingInputException(file, $"line {start}: a quoted field is not closed");
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); rows.Add((start, fields)); }
        return rows;
    }

    public static IReadOnlyList<DirectoryUser> ReadLdif(string file)
    {
        var users = new List<DirectoryUser>();
        var physical = File.ReadAllLines(file);
        var logical = new List<(int Line, string Text)>();
        for (var i = 0; i < physical.Length; i++)
        {
            var l = physical[i];
            if (l.StartsWith(' ') && logical.Count > 0 && logical[^1].Text.Length > 0)
                logical[^1] = (logical[^1].Line, logical[^1].Text + l[1..]);
            else logical.Add((i + 1, l));
        }
        var entry = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var entryLine = 0;
        void Flush()
        {
            if (entry.Count > 0 && entry.ContainsKey("dn"))
            {
                var objectClasses = entry.GetValueOrDefault("objectclass") ?? "";
                if (entry.TryGetValue("mail", out var mail) || objectClasses.Contains("person", StringComparison.OrdinalIgnoreCase))
                    users.Add(new DirectoryUser(entryLine, mail ?? "", entry.GetValueOrDefault("uid"), entry.GetValueOrDefault("givenname"),
                        entry.GetValueOrDefault("sn"), entry.GetValueOrDefault("title"), [], entry.GetValueOrDefault("uid")));
            }
            entry.Clear();
        }
        foreach (var (line, text) in logical)
        {
            if (text.Length == 0) { Flush(); continue; }
            if (text.StartsWith('#') || text.StartsWith("version:", StringComparison.OrdinalIgnoreCase)) continue;
            var colon = text.IndexOf(':');
            if (colon <= 0) throw new OnboardingInputException(file, $"line {line}: expected 'attribute: value'");
            if (entry.Count == 0) entryLine = line;
            var name = text[..colon];
            string value;
            if (text.Length > colon + 1 && text[colon + 1] == ':')
            {
                try { value = Encoding.UTF8.GetString(Convert.FromBase64String(text[(colon + 2)..].Trim())); }
                catch (FormatException) { throw new OnboardingInputException(file, $"line {line}: {name}:: is not base64"); }
            }
            else value = text[(colon + 1)..].Trim();
            // Multi-valued attributes: the object classes are joined; for the others the first value is the one used.
            if (name.Equals("objectClass", StringComparison.OrdinalIgnoreCase) && entry.TryGetValue(name, out var before)) entry[name] = before + " " + value;
            else entry.TryAdd(name, value);
        }
        Flush();
        return users;
    }
}
