using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Infra.Core.Measurements;

/// <summary>
/// One exported file as the JSON documents it holds. Exports are concatenated as they come (several
/// <c>aws cloudwatch get-metric-data</c> pages in one file, separated by white space), so a file is read as a sequence
/// of documents. Paths in messages start at the document (<c>$</c>), prefixed with "document N" when there are several.
/// </summary>
public sealed class JsonExport
{
    /// <summary>Fourteen days of 1-minute data for a few dozen series fit well inside this; anything larger is not an export of ours.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private JsonExport(string file, IReadOnlyList<JsonElement> documents)
    {
        File = file;
        Documents = documents;
    }

    /// <summary>The file's name as messages show it (relative to the folder read).</summary>
    public string File { get; }

    public IReadOnlyList<JsonElement> Documents { get; }

    /// <summary>"$" for a file of one document, "document 2: $" for the second of several.</summary>
    public string Root(int document) => Documents.Count == 1 ? "$" : $"document {document + 1}: $";

    public static JsonExport Parse(string file, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var documents = new List<JsonElement>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                using var doc = JsonDocument.ParseValue(ref reader);
                documents.Add(doc.RootElement.Clone());
            }
        }
        catch (JsonException e)
        {
            throw new MeasurementException(file, documents.Count == 0 ? "" : $"document {documents.Count + 1}",
                $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1} (truncated or hand-edited?): {FirstSentence(e.Message)}");
        }
        if (documents.Count == 0) throw new MeasurementException(file, "", "is empty: no JSON document");
        return new JsonExport(file, documents);
    }

    public static JsonExport Read(string path, string file)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxBytes)
            throw new MeasurementException(file, "", $"is {info.Length:N0} bytes; exports are read up to {MaxBytes:N0} (split the window into several files)");
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(System.IO.File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException)
        {
            throw new MeasurementException(file, "", "is not UTF-8 text, so not a JSON export");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MeasurementException(file, "", $"cannot be read: {e.Message}");
        }
        return Parse(file, text);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    // ---- strict accessors: each failure names the path -------------------------------------------

    public JsonElement Property(JsonElement obj, string path, string name, JsonValueKind kind)
    {
        if (obj.ValueKind != JsonValueKind.Object) throw Wrong(path, $"expected an object, got {Describe(obj)}");
        if (!obj.TryGetProperty(name, out var v)) throw Wrong(path, $"has no \"{name}\"");
        if (v.ValueKind != kind && !(kind == JsonValueKind.True && v.ValueKind == JsonValueKind.False))
            throw Wrong($"{path}.{name}", $"expected {Name(kind)}, got {Describe(v)}");
        return v;
    }

    public string String(JsonElement obj, string path, string name) => Property(obj, path, name, JsonValueKind.String).GetString()!;

    public decimal Number(JsonElement obj, string path, string name)
    {
        var v = Property(obj, path, name, JsonValueKind.Number);
        return v.TryGetDecimal(out var d) ? d : throw Wrong($"{path}.{name}", $"{v.GetRawText()} is out of range");
    }

    public int Integer(JsonElement obj, string path, string name)
    {
        var v = Property(obj, path, name, JsonValueKind.Number);
        return v.TryGetInt32(out var i) ? i : throw Wrong($"{path}.{name}", $"expected a whole number, got {v.GetRawText()}");
    }

    public DateTimeOffset Time(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String) throw Wrong(path, $"expected a time (ISO 8601), got {Describe(value)}");
        return ParseTime(value.GetString()!) ?? throw Wrong(path, $"'{value.GetString()}' is not an ISO 8601 time with a zone (2027-01-10T09:00:00Z)");
    }

    /// <summary>ISO 8601 with an offset or Z, as the AWS CLI and Go's RFC 3339 write them.</summary>
    public static DateTimeOffset? ParseTime(string text) =>
        text.Length >= 20 && (text.EndsWith('Z') || text[^6] is '+' or '-') &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime() : null;

    public MeasurementException Wrong(string path, string message) => new(File, path, message);

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the text \"{Short(v.GetString()!)}\"",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        _ => "null",
    };

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private static string Name(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True => "true or false",
        _ => kind.ToString(),
    };
}
