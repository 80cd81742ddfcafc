using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Infra.Core.Graph;
using Pulumi;

namespace Infra.Deploy.Values;

/// <summary>
/// Turns graph values into Pulumi inputs. Literals stay plain values, so that a preview shows them even
/// while a referenced resource does not exist yet; a reference becomes the referenced output in place; an
/// interpolation or function becomes an output computed from its parts, and stays secret if any part is.
/// </summary>
public sealed class GraphValues(Func<RefValue, Output<object?>> reference)
{
    /// <summary>A value in the form resource inputs take: plain data with outputs where it refers to something.</summary>
    public object? Input(Value value) => value switch
    {
        StringValue s => s.Text,
        BoolValue b => b.Flag,
        NumberValue n => Number(n.Number),
        NullValue => null,
        ListValue l => l.Items.Select(Input).ToImmutableArray(),
        MapValue m => Inputs(m),
        RefValue r => reference(r),
        InterpolationValue i => Interpolate(i),
        FunctionValue f => Function(f),
        ConfigValue c => Config(c),
        _ => throw new NotSupportedException($"the program cannot register a {value.GetType().Name}; teach Infra.Deploy/Values/GraphValues.cs this value kind"),
    };

    /// <summary>A map of inputs, keyed by the provider's property names.</summary>
    public ImmutableDictionary<string, object?> Inputs(MapValue map) =>
        map.Entries.ToImmutableDictionary(kv => kv.Key, kv => Input(kv.Value), StringComparer.Ordinal);

    /// <summary>The value with every reference resolved: plain data inside one output (for functions and stack outputs).</summary>
    public Output<object?> Resolve(Value value) => value switch
    {
        RefValue r => reference(r),
        InterpolationValue i => Interpolate(i).Apply(s => (object?)s),
        FunctionValue f => Function(f),
        ConfigValue c => Config(c),
        ListValue l => Output.All(l.Items.Select(Resolve)).Apply(items => (object?)items),
        MapValue m => Output.All(m.Entries.Values.Select(Resolve)).Apply(values =>
            (object?)m.Entries.Keys.Zip(values).ToImmutableDictionary(kv => kv.First, kv => kv.Second, StringComparer.Ordinal)),
        _ => Output.Create(Input(value)),
    };

    private Output<string> Interpolate(InterpolationValue i) =>
        Output.All(i.Parts.Select(Resolve)).Apply(parts => string.Concat(parts.Select(Text)));

    private Output<object?> Function(FunctionValue f) => f.Function switch
    {
        FunctionValue.ToJson => Resolve(f.Argument).Apply(v => (object?)JsonText.Write(v)),
        FunctionValue.ToBase64 => Resolve(f.Argument).Apply(v => (object?)Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(v)))),
        FunctionValue.Secret => Output.CreateSecret(Resolve(f.Argument)),
        FunctionValue.Join => Resolve(f.Argument).Apply(v => v is IList { Count: 2 } a && a[1] is IList parts
            ? (object?)string.Join(Text(a[0]), parts.Cast<object?>().Select(Text))
            : throw new InvalidOperationException("fn::join takes [separator, [parts]]")),
        FunctionValue.Split => Resolve(f.Argument).Apply(v => v is IList { Count: 2 } a
            ? (object?)Text(a[1]).Split(Text(a[0])).Cast<object?>().ToImmutableArray()
            : throw new InvalidOperationException("fn::split takes [separator, text]")),
        FunctionValue.Select => Resolve(f.Argument).Apply(v => v is IList { Count: 2 } a && a[1] is IList items
            ? items[Convert.ToInt32(a[0], CultureInfo.InvariantCulture)]
            : throw new InvalidOperationException("fn::select takes [index, list]")),
        _ => throw new NotSupportedException($"the program cannot apply {f.Function}; teach Infra.Deploy/Values/GraphValues.cs this function"),
    };

    /// <summary>A value of the stack's configuration (namespace:key), secret as the core only reads secrets this way.</summary>
    private static Output<object?> Config(ConfigValue c)
    {
        var key = c.Object ?? c.Key;
        var colon = key.IndexOf(':');
        var config = colon < 0 ? new Pulumi.Config() : new Pulumi.Config(key[..colon]);
        var name = key[(colon + 1)..];
        if (c.Path is not { } path) return config.RequireSecret(name).Apply(v => (object?)v);
        // A secret nested in a structured key (pulumi config set --secret --path): the object is secret as a whole.
        return config.RequireSecretObject<System.Text.Json.JsonElement>(name).Apply(root =>
        {
            // Keys may hold dots themselves (settings: {"ServiceSettings.SplitKey": ...}): the longest key that exists wins.
            var at = root;
            var steps = path.Split('.');
            for (var i = 0; i < steps.Length;)
            {
                var j = steps.Length;
                for (; j > i; j--)
                    if (at.ValueKind == System.Text.Json.JsonValueKind.Object && at.TryGetProperty(string.Join('.', steps[i..j]), out var next))
                    {
                        at = next;
                        break;
                    }
                if (j == i)
                    throw new RunException($"{key}: the stack configuration has no {path} (set it with: pulumi config set --secret --path '{key}.{path}' <value>)");
                i = j;
            }
            return (object?)(at.ValueKind == System.Text.Json.JsonValueKind.String ? at.GetString() : at.GetRawText());
        });
    }

    /// <summary>Whole numbers go to the engine as integers, others as doubles (the SDK's two number kinds).</summary>
    public static object Number(decimal number) =>
        number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue ? (object)(int)number : (double)number;

    /// <summary>How a scalar reads inside an interpolated string.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        int n => n.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IDictionary or IList => throw new InvalidOperationException("a list or map cannot be interpolated into a string; use fn::toJSON"),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
