using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Infra.Core.Graph;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Infra.Core.Parsing;

/// <summary>
/// Reads a Pulumi YAML program (ours or anyone's) into a <see cref="ResourceGraph"/>: resources with their
/// properties and options, <c>fn::invoke</c> variables as lookups, and outputs. Component resources
/// cannot be declared in Pulumi YAML, so the graph has none; a resource keeps a parent only when the
/// parent is another resource of the program. Other variables are inlined where they are referenced whole, and
/// references to the stack's configuration (<c>${mattermost:licenseKey}</c>, or a key the program declares under
/// <c>configuration:</c>) are configuration values.
/// </summary>
public static partial class PulumiYamlParser
{
    /// <summary>Values a program may hold once aliases are expanded: ample for thousands of resources, far below a bomb.</summary>
    public const long MaxValues = 5_000_000;

    public const int MaxDepth = 256;

    public static ResourceGraph Parse(string text, string file, string? stack = null)
    {
        YamlMappingNode root;
        try
        {
            // Bounded first: YamlStream shares aliased nodes, but walking them expands every alias.
            Settings.YamlBounds.Check(text, MaxValues, MaxDepth);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode m)
                throw new ParseException(file, "not a Pulumi YAML program: expected a mapping with 'resources:' at the top");
            root = m;
        }
        catch (YamlException e)
        {
            throw new ParseException(file, $"YAML syntax error: {e.InnerException?.Message ?? e.Message}", e.Start.Line);
        }
        catch (Settings.YamlReadException e)
        {
            throw new ParseException(file, e.Message);
        }

        var reader = new Reader(file);
        var variables = new Dictionary<string, Value>(StringComparer.Ordinal);
        var lookups = new List<GraphLookup>();
        if (Child(root, "variables") is YamlMappingNode vars)
        {
            foreach (var (k, v) in vars.Children)
            {
                var name = reader.Key(k);
                if (v is YamlMappingNode vm && Child(vm, "fn::invoke") is YamlMappingNode invoke)
                {
                    var function = Child(invoke, "function") is YamlScalarNode fs ? fs.Value ?? "" : "";
                    var args = Child(invoke, "arguments") is { } a ? reader.Value(a) as MapValue ?? MapValue.Empty : MapValue.Empty;
                    lookups.Add(new GraphLookup(name, function, args, $"fn::invoke {function} in {file}"));
                }
                else variables[name] = reader.Value(v);
            }
        }

        var project = Child(root, "name") is YamlScalarNode { Value: { } projectName } ? projectName : null;
        var config = ConfigKeys(root, project);

        if (Child(root, "resources") is not YamlMappingNode resources)
            throw new ParseException(file, "not a Pulumi YAML program: there is no 'resources:' mapping", root.Start.Line);

        var nodes = new List<ResourceNode>();
        foreach (var (k, v) in resources.Children)
        {
            var name = reader.Key(k);
            if (v is not YamlMappingNode body) throw reader.Error(v, $"resource '{name}' must be a mapping with 'type:'");
            if (Child(body, "type") is not YamlScalarNode { Value.Length: > 0 } type)
                throw reader.Error(v, $"resource '{name}' has no 'type:'");
            var props = Child(body, "properties") is { } p
                ? reader.Value(p) as MapValue ?? throw reader.Error(p, $"resource '{name}': 'properties' must be a mapping")
                : MapValue.Empty;
            props = (MapValue)Inline(props, variables, config);
            var options = Child(body, "options") is YamlMappingNode o ? reader.Options(name, o) : NodeOptions.None;
            nodes.Add(new ResourceNode(name, type.Value!, props, options, $"declared in {file}"));
        }

        var outputs = new List<GraphOutput>();
        if (Child(root, "outputs") is YamlMappingNode outs)
        {
            foreach (var (k, v) in outs.Children)
            {
                var value = Inline(reader.Value(v), variables, config);
                var secret = value is FunctionValue { Function: FunctionValue.Secret };
                outputs.Add(new GraphOutput(reader.Key(k), secret ? ((FunctionValue)value).Argument : value, secret, ""));
            }
        }

        var stackName = stack ?? project ?? "input";
        try
        {
            return new ResourceGraph(stackName, nodes, lookups, outputs);
        }
        catch (GraphException e)
        {
            throw new ParseException(file, e.Message);
        }
    }

    /// <summary>
    /// A reference to a whole non-invoke variable is replaced by the variable's value, and one to a declared
    /// configuration key (<c>${instanceType}</c>) becomes that configuration value.
    /// </summary>
    private static Value Inline(Value value, IReadOnlyDictionary<string, Value> variables, IReadOnlySet<string> config)
    {
        if (variables.Count == 0 && config.Count == 0) return value;
        return value switch
        {
            RefValue { Path.Length: 0 } r when variables.TryGetValue(r.Resource, out var v) => v,
            RefValue { Path.Length: 0 } r when config.Contains(r.Resource) => new ConfigValue(r.Resource),
            ListValue l => new ListValue([.. l.Items.Select(i => Inline(i, variables, config))]),
            MapValue m => new MapValue(m.Entries.ToImmutableSortedDictionary(kv => kv.Key, kv => Inline(kv.Value, variables, config), StringComparer.Ordinal)),
            InterpolationValue i => new InterpolationValue([.. i.Parts.Select(p => Inline(p, variables, config))]),
            FunctionValue f => f with { Argument = Inline(f.Argument, variables, config) },
            _ => value,
        };
    }

    /// <summary>
    /// Keys the program declares under <c>configuration:</c> (and the newer <c>config:</c>), as the program refers
    /// to them: a key of the project's own namespace without it (Pulumi YAML strips "project:"), others in full.
    /// </summary>
    private static HashSet<string> ConfigKeys(YamlMappingNode root, string? project)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in new[] { "configuration", "config" })
            if (Child(root, block) is YamlMappingNode m)
                foreach (var k in m.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).OfType<string>())
                    keys.Add(project is not null && k.StartsWith(project + ":", StringComparison.Ordinal) ? k[(project.Length + 1)..] : k);
        return keys;
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    /// <summary>Converts YAML nodes to values, resolving plain scalars by the YAML 1.2 core schema.</summary>
    private sealed class Reader(string file)
    {
        public ParseException Error(YamlNode node, string message) => new(file, message, node.Start.Line);

        public string Key(YamlNode node) =>
            node is YamlScalarNode { Value: { Length: > 0 } k } ? k : throw Error(node, "expected a name");

        public Value Value(YamlNode node)
        {
            switch (node)
            {
                case YamlScalarNode s:
                    return Scalar(s);
                case YamlSequenceNode seq:
                    return new ListValue([.. seq.Children.Select(Value)]);
                case YamlMappingNode map:
                {
                    var b = ImmutableSortedDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
                    foreach (var (k, v) in map.Children) b[Key(k)] = Value(v);
                    return ExpressionText.MapOrFunction(b.ToImmutable());
                }
                default:
                    throw Error(node, $"unsupported YAML node {node.NodeType}");
            }
        }

        private Value Scalar(YamlScalarNode s)
        {
            var text = s.Value ?? "";
            if (s.Style is ScalarStyle.Plain or ScalarStyle.Any)
            {
                if (NullPattern().IsMatch(text)) return NullValue.Instance;
                if (text is "true" or "True" or "TRUE") return new BoolValue(true);
                if (text is "false" or "False" or "FALSE") return new BoolValue(false);
                if (IntPattern().IsMatch(text) || FloatPattern().IsMatch(text))
                {
                    if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return new NumberValue(d);
                }
            }
            try
            {
                return ExpressionText.Parse(text);
            }
            catch (FormatException e)
            {
                throw Error(s, e.Message);
            }
        }

        public NodeOptions Options(string resource, YamlMappingNode o)
        {
            string? RefName(string key)
            {
                if (Child(o, key) is not { } n) return null;
                return Value(n) is RefValue { Path.Length: 0 } r ? r.Resource : throw Error(n, $"resource '{resource}': options.{key} must be a reference like \"${{name}}\"");
            }
            ImmutableArray<string> Names(string key) => Child(o, key) switch
            {
                null => [],
                YamlSequenceNode seq => [.. seq.Children.Select(c => Value(c) is RefValue { Path.Length: 0 } r ? r.Resource : throw Error(c, $"resource '{resource}': options.{key} lists references like \"${{name}}\""))],
                var n => throw Error(n, $"resource '{resource}': options.{key} must be a list"),
            };
            ImmutableArray<string> Texts(string key) => Child(o, key) switch
            {
                null => [],
                YamlSequenceNode seq => [.. seq.Children.Select(c => c is YamlScalarNode { Value: { } t } ? t : throw Error(c, $"resource '{resource}': options.{key} lists property names"))],
                var n => throw Error(n, $"resource '{resource}': options.{key} must be a list"),
            };
            bool Flag(string key) => Child(o, key) is { } n && (Value(n) is BoolValue b ? b.Flag : throw Error(n, $"resource '{resource}': options.{key} must be true or false"));
            return new NodeOptions
            {
                Parent = RefName("parent"),
                Provider = RefName("provider"),
                DependsOn = Names("dependsOn"),
                Protect = Flag("protect"),
                RetainOnDelete = Flag("retainOnDelete"),
                IgnoreChanges = Texts("ignoreChanges"),
                AdditionalSecretOutputs = Texts("additionalSecretOutputs"),
            };
        }
    }

    [GeneratedRegex("^(null|Null|NULL|~|)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
