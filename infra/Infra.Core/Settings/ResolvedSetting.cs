using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Infra.Core.Settings;

/// <summary>
/// One configuration key as a stack resolved it: the value written (null when the key is not set and has no
/// default) and where it came from: <c>default</c> (the environment's), <c>Pulumi.yaml</c>, the stack file,
/// <c>stack name</c> (the environment key, when not set) or <c>not set</c>.
/// </summary>
public sealed record ResolvedSetting(string Key, RawValue? Value, string Source)
{
    public const string Default = "default";
    public const string NotSet = "not set";
    public const string StackName = "stack name";

    /// <summary>What a secret's value is shown as: the core never sees the plain text, only that one is set.</summary>
    public const string SecretPlaceholder = "[secret]";

    /// <summary>
    /// Every key of <see cref="ConfigKeys.All"/>, layered as <see cref="SettingsBinder"/> layers them: the stack file,
    /// then the project file, then the environment's default.
    /// </summary>
    internal static ImmutableArray<ResolvedSetting> Resolve(string stack, EnvironmentKind environment,
        ImmutableSortedDictionary<string, RawValue> project, ImmutableSortedDictionary<string, RawValue> stackValues)
    {
        var result = ImmutableArray.CreateBuilder<ResolvedSetting>(ConfigKeys.All.Count);
        foreach (var spec in ConfigKeys.All)
        {
            var raw = stackValues.GetValueOrDefault(spec.Key) ?? project.GetValueOrDefault(spec.Key);
            if (raw is not null)
            {
                result.Add(new ResolvedSetting(spec.Key, raw, raw.File));
                continue;
            }
            if (spec.Key == ConfigKeys.EnvironmentKey.Key)
            {
                result.Add(new ResolvedSetting(spec.Key, new RawScalar(StackName, environment.ToString().ToLowerInvariant()), StackName));
                continue;
            }
            var d = spec.DefaultFor(environment);
            result.Add(d is null
                ? new ResolvedSetting(spec.Key, null, NotSet)
                : new ResolvedSetting(spec.Key, d.StartsWith('[')
                    ? new RawList(Default, [.. JsonSerializer.Deserialize<string[]>(d)!.Select(x => (RawValue)new RawScalar(Default, x))])
                    : new RawScalar(Default, d), Default));
        }
        return result.MoveToImmutable();
    }

    /// <summary>
    /// The value as JSON, typed by the key's kind (numbers as numbers, flags as booleans, lists and maps as such),
    /// a secret as <see cref="SecretPlaceholder"/>, an unset key as null.
    /// </summary>
    public static void Write(Utf8JsonWriter w, ConfigKeySpec? spec, RawValue? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case RawSecure: w.WriteStringValue(SecretPlaceholder); break;
            case RawScalar s: Scalar(w, spec?.Kind, s.Text); break;
            case RawList l:
                w.WriteStartArray();
                foreach (var item in l.Items) Write(w, null, item);
                w.WriteEndArray();
                break;
            case RawMap m:
                w.WriteStartObject();
                foreach (var (k, v) in m.Entries)
                {
                    w.WritePropertyName(k);
                    Write(w, null, v);
                }
                w.WriteEndObject();
                break;
            default: // a shape without a value of its own (an explicit null)
                w.WriteNullValue();
                break;
        }
    }

    private static void Scalar(Utf8JsonWriter w, ConfigKeyKind? kind, string text)
    {
        switch (kind)
        {
            case ConfigKeyKind.Integer when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                w.WriteNumberValue(n);
                return;
            case ConfigKeyKind.Decimal when decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d):
                // Written as the shortest decimal (0.20 and 0.2 are one value).
                w.WriteRawValue(d.ToString("G29", CultureInfo.InvariantCulture));
                return;
            case ConfigKeyKind.Boolean when bool.TryParse(text, out var b):
                w.WriteBooleanValue(b);
                return;
            default:
                w.WriteStringValue(text);
                return;
        }
    }

    /// <summary>The value as one line of compact JSON, for comparing and showing: "10.30.0.0/16", 20000, ["0.0.0.0/0"].</summary>
    public string Text => Compact(w => Write(w, ConfigKeys.Find(Key), Value));

    /// <summary>Compact JSON with the escaping the plan files use, so that values read back compare equal.</summary>
    public static string Compact(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(w);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
