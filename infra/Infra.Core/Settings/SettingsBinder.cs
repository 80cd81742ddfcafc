using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Infra.Core.Catalog;

namespace Infra.Core.Settings;

/// <summary>
/// Turns raw project and stack values into <see cref="StackSettings"/>: layering, typing, ranges and
/// the checks that span several keys. Collects all problems instead of stopping at the first.
/// </summary>
internal sealed partial class SettingsBinder(
    string stack,
    string projectName,
    ImmutableSortedDictionary<string, RawValue> project,
    ImmutableSortedDictionary<string, RawValue> stackValues,
    string? projectDirectory = null)
{
    private readonly List<ConfigProblem> _problems = [];
    private readonly string _stackFile = StackSettingsLoader.StackFileName(stack);

    public StackSettings Bind()
    {
        CheckKeys(project);
        CheckKeys(stackValues);
        ScanForSecrets(project);
        ScanForSecrets(stackValues);
        var environment = ResolveEnvironment();

        // The value a key resolves to: stack file, then project file, then the environment default.
        (ConfigKeySpec Spec, RawValue Raw)? Resolve(string key)
        {
            var spec = ConfigKeys.Find(key) ?? throw new InvalidOperationException($"no spec for {key}");
            var raw = stackValues.GetValueOrDefault(key) ?? project.GetValueOrDefault(key);
            var d = spec.DefaultFor(environment);
            if (raw is RawNull)
            {
                // Pulumi would pass the null on; this tool never turns it into the default silently.
                Problem(raw.File, key, d is not null
                    ? $"is null (~); remove the line to use the default ({d}), or set {spec.Allowed}"
                    : spec.Required
                        ? $"is null (~) but is required: set {spec.Allowed}"
                        : $"is null (~); remove the line to leave it unset, or set {spec.Allowed}");
                return null;
            }
            if (raw is not null) return (spec, raw);
            if (d is null)
            {
                if (spec.Required)
                    Problem(_stackFile, key, $"is required: set {spec.Allowed} (pulumi config set {key} ...)");
                return null;
            }
            return (spec, d.StartsWith('[') ? ParseListDefault(d) : new RawScalar("(default)", d));
        }
        T? Get<T>(string key, Func<ConfigKeySpec, RawValue, T?> parse) where T : class =>
            Resolve(key) is { } r ? parse(r.Spec, r.Raw) : null;
        T? GetValue<T>(string key, Func<ConfigKeySpec, RawValue, T?> parse) where T : struct =>
            Resolve(key) is { } r ? parse(r.Spec, r.Raw) : null;

        var region = Get(ConfigKeys.Region, Choice) ?? "";
        var registered = GetValue("mattermost:registeredUsers", Integer) ?? 0;
        var peak = GetValue("mattermost:peakConcurrentUsers", Integer);
        var load = new LoadProfile(
            registered,
            peak,
            GetValue("mattermost:concurrencyRatio", Decimal) ?? 0.2m,
            GetValue("mattermost:annualGrowthPercent", Decimal) ?? 0m,
            GetValue("mattermost:growthHorizonMonths", Integer) ?? 12,
            Enum.Parse<FileUsageProfile>((Get("mattermost:fileUsage", Choice) ?? "medium"), ignoreCase: true),
            GetValue("mattermost:headroomPercent", Integer) ?? 25);
        var ha = GetValue("mattermost:highAvailability", Boolean) ?? false;
        var zones = GetValue("mattermost:availabilityZones", Integer) ?? 2;
        var vpcCidr = Get("mattermost:vpcCidr", VpcCidr) ?? "";
        var clientCidrs = GetValue("mattermost:allowedClientCidrs", (spec, raw) => CidrList(spec, raw, vpcCidr)) ?? [];
        var certificateArn = Get("mattermost:certificateArn", Text) ?? "";
        var tags = Get("mattermost:tags", StringMap) ?? ImmutableSortedDictionary<string, string>.Empty;
        var appTier = Get("mattermost:appTier", Choice) == "kubernetes" ? AppTierKind.Kubernetes : AppTierKind.Vm;
        CheckTier(appTier);

        var settings = new StackSettings
        {
            Stack = stack,
            ProjectName = projectName,
            Environment = environment,
            Region = region,
            Load = load,
            HighAvailability = ha,
            AvailabilityZoneCount = zones,
            AvailabilityZones = AwsRegions.IsKnown(region) && zones <= AwsRegions.MaxZones(region)
                ? [.. AwsRegions.Zones(region, zones)] : [],
            VpcCidr = vpcCidr,
            NatGatewayPerZone = GetValue("mattermost:natGatewayPerZone", Boolean) ?? true,
            AppTier = appTier,
            KubernetesVersion = Get("mattermost:kubernetesVersion", Choice) ?? "1.35",
            ClusterEndpointPublicCidrs = GetValue("mattermost:clusterEndpointPublicCidrs", (spec, raw) => ApiCidrList(spec, raw, publicNetworks: true)) ?? [],
            ClusterEndpointPrivateCidrs = GetValue("mattermost:clusterEndpointPrivateCidrs", (spec, raw) => ApiCidrList(spec, raw, publicNetworks: false)) ?? [],
            AppInstanceType = Get("mattermost:appInstanceType", Choice),
            DatabaseInstanceClass = Get("mattermost:databaseInstanceClass", Choice),
            SearchInstanceType = Get("mattermost:searchInstanceType", Choice),
            EnterpriseSearch = GetValue("mattermost:enterpriseSearch", Boolean) ?? false,
            PostgresVersion = Get("mattermost:postgresVersion", Text) ?? "16.6",
            BackupRetentionDays = GetValue("mattermost:backupRetentionDays", Integer) ?? 7,
            DeletionProtection = GetValue("mattermost:deletionProtection", Boolean) ?? true,
            RetainOnDelete = GetValue("mattermost:retainOnDelete", Boolean) ?? false,
            DomainName = Get("mattermost:domainName", Text) ?? "",
            CertificateArn = certificateArn,
            AllowedClientCidrs = clientCidrs,
            MattermostVersion = Get("mattermost:mattermostVersion", Text) ?? "11.7.0",
            LogRetentionDays = int.Parse(Get("mattermost:logRetentionDays", Choice) ?? "30", CultureInfo.InvariantCulture),
            AlarmTopicArn = Get("mattermost:alarmTopicArn", Text),
            LicenseKey = Get("mattermost:licenseKey", Secret),
            Tags = tags,
            Waivers = GetValue("mattermost:waivers", Waivers) ?? [],
            App = new App.AppConfigReader(environment, projectDirectory, Problem)
                .Read(stackValues.GetValueOrDefault("mattermost:app") ?? project.GetValueOrDefault("mattermost:app")),
            Resolved = ResolvedSetting.Resolve(stack, environment, project, stackValues),
        };

        CrossChecks(settings);
        if (_problems.Count > 0) throw new ConfigException(_problems);
        return settings;
    }

    // ---- keys and environment -------------------------------------------------------------------

    /// <summary>Whose a configuration key is, by its namespace (the part before the first ':').</summary>
    private enum Owner
    {
        /// <summary><c>mattermost:</c>.</summary>
        Ours,
        /// <summary>No namespace: Pulumi puts such keys in the project's namespace.</summary>
        NoNamespace,
        /// <summary>The project's own namespace, what <c>pulumi config set KEY</c> writes without one.</summary>
        Project,
        /// <summary>Within edit distance 2 of ours or the project's, any case: a misspelling, not another provider.</summary>
        NearMiss,
        /// <summary>Another provider's (aws:, kubernetes:, ...): passed untouched.</summary>
        Foreign,
    }

    private Owner OwnerOf(string key, out string ns, out string name)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        ns = colon < 0 ? "" : key[..colon];
        name = colon < 0 ? key : key[(colon + 1)..];
        if (colon < 0) return Owner.NoNamespace;
        if (ns == ConfigKeys.Namespace) return Owner.Ours;
        if (projectName.Length > 0 && ns == projectName) return Owner.Project;
        var prefix = ns + ":";
        var knownForeign = ConfigKeys.All.Any(k => k.Key.StartsWith(prefix, StringComparison.Ordinal)); // aws:
        if (!knownForeign && (Suggestions.DistanceIgnoringCase(ns, ConfigKeys.Namespace) <= 2 ||
                              (projectName.Length > 0 && Suggestions.DistanceIgnoringCase(ns, projectName) <= 2)))
            return Owner.NearMiss;
        return Owner.Foreign;
    }

    private void CheckKeys(ImmutableSortedDictionary<string, RawValue> values)
    {
        foreach (var (key, raw) in values)
        {
            if (ConfigKeys.Find(key) is { } spec)
            {
                if (raw is RawSecure && spec.Kind != ConfigKeyKind.Secret)
                    Problem(raw.File, key, $"is not a secret; set it without --secret ({spec.Allowed})");
                else if (raw is not RawSecure and not RawNull && spec.Kind == ConfigKeyKind.Secret)
                    Problem(raw.File, key, $"must not be stored in plain text; set it with: pulumi config set --secret {key} <value>");
                continue;
            }
            var owner = OwnerOf(key, out var ns, out var name);
            if (owner == Owner.Foreign) continue; // other providers' settings belong to them (secrets are still scanned)
            if (raw is not RawSecure && SecretPatterns.IsSecretName(name)) continue; // reported as a plain-text secret
            var suggestion = Suggest(name);
            Problem(raw.File, key, owner switch
            {
                Owner.NoNamespace => $"has no namespace, so this tool would not read it; {suggestion}",
                Owner.Project => $"is in the project's own namespace '{projectName}' (what pulumi config set {Printable.Text(name)} writes when the namespace is left out), " +
                                 $"which this tool does not read; {suggestion}{(BestKey(name) is { } k ? $" (pulumi config set {k.Key} ...)" : "")}",
                Owner.NearMiss => $"'{Printable.Text(ns)}' is not the namespace '{ConfigKeys.Namespace}' (namespaces are exact and case-sensitive), so this tool would not read it; {suggestion}",
                _ => $"is not a known setting; {suggestion} (see README, 'Configuration')",
            });
        }
    }

    /// <summary>
    /// Plain-text secrets anywhere: under a key that names one (password, secret, token, licence, API,
    /// private or access key) at any depth and in any namespace, or a value shaped like a known credential.
    /// Pulumi secrets (<c>secure:</c>) pass. Tags are plain text on every resource, so they never hold one.
    /// </summary>
    private void ScanForSecrets(ImmutableSortedDictionary<string, RawValue> values)
    {
        foreach (var (key, raw) in values)
        {
            if (ConfigKeys.Find(key) is { Kind: ConfigKeyKind.Secret }) continue; // checked with its spec
            OwnerOf(key, out _, out var name);
            Scan(key, key, raw, SecretPatterns.IsSecretName(name) ? $"its name '{Printable.Text(name)}' says so" : null, key == "mattermost:tags");
        }

        void Scan(string topKey, string path, RawValue raw, string? namedSecret, bool inTags)
        {
            var nested = path != topKey;
            var fix = inTags
                ? "tags are plain text on every resource, so a secret never goes in a tag (--secret cannot hide it there either): remove it"
                : $"set it as a Pulumi secret: pulumi config set --secret {(nested ? "--path '" + Printable.Text(path) + "'" : Printable.Text(topKey))} <value>" +
                  (topKey == App.AppFields.Key ? ", or give the ARN of a Secrets Manager secret that holds it" : "");
            switch (raw)
            {
                case RawSecure when inTags && nested:
                    Problem(raw.File, path, $"is a Pulumi secret, but {fix}");
                    return;
                case RawSecure or RawNull:
                    return;
                case RawScalar { Text: "" or "true" or "false" } when namedSecret is not null:
                    return; // a switch or nothing is no secret
                case RawScalar s when SecretPatterns.IsSecretsManagerArn(s.Text):
                    return; // names a secret kept in Secrets Manager; it is not one
                case RawScalar or RawList or RawMap when namedSecret is not null:
                    Problem(raw.File, path, $"looks like a secret ({namedSecret}) and is in plain text; {fix}");
                    return;
                case RawScalar s when SecretPatterns.LooksLike(s.Text) is { } what:
                    Problem(raw.File, path, $"looks like a secret (the value looks like {what}) and is in plain text; {fix}");
                    return;
                case RawList l:
                    for (var i = 0; i < l.Items.Length; i++) Scan(topKey, $"{path}[{i}]", l.Items[i], null, inTags);
                    return;
                case RawMap m:
                    foreach (var (k, v) in m.Entries)
                        Scan(topKey, $"{path}.{k}", v, SecretPatterns.IsSecretName(k) && !App.AppFields.IsKnownNonSecret($"{path}.{k}") ? $"its name '{Printable.Text(k)}' says so" : null, inTags);
                    return;
            }
        }
    }

    /// <summary>Settings of the other app tier would be ignored; in a stack file they are an error naming the tier.</summary>
    private void CheckTier(AppTierKind tier)
    {
        var tierName = tier == AppTierKind.Kubernetes ? "kubernetes" : "vm";
        var where = stackValues.ContainsKey("mattermost:appTier") ? $"set in {_stackFile}"
            : project.ContainsKey("mattermost:appTier") ? $"set in {StackSettingsLoader.ProjectFileName}"
            : "the environment's default";
        foreach (var spec in ConfigKeys.All.Where(k => k.Tier is { } t && t != tier))
        {
            // Project-wide values serve the stacks of that tier; only a stack's own file is held to its tier.
            if (!stackValues.TryGetValue(spec.Key, out var raw)) continue;
            var other = spec.Tier == AppTierKind.Kubernetes ? "kubernetes" : "vm";
            Problem(raw.File, spec.Key,
                $"applies to the {other} tier only, but this stack's mattermost:appTier is {tierName} ({where}); remove it, or set mattermost:appTier: {other}");
        }
    }

    private EnvironmentKind ResolveEnvironment()
    {
        var raw = stackValues.GetValueOrDefault(ConfigKeys.EnvironmentKey.Key) ?? project.GetValueOrDefault(ConfigKeys.EnvironmentKey.Key);
        string? name = null;
        if (raw is not null) name = Choice(ConfigKeys.EnvironmentKey, raw);
        else if (ConfigKeys.EnvironmentKey.Choices!.Contains(stack)) name = stack;
        else
            Problem(_stackFile, ConfigKeys.EnvironmentKey.Key,
                $"is required because the stack name '{stack}' is not an environment; set {ConfigKeys.EnvironmentKey.Allowed}");
        return name is null ? EnvironmentKind.Pilot : Enum.Parse<EnvironmentKind>(name, ignoreCase: true);
    }

    // ---- typed parsers: each returns null (and records a problem) when the value does not fit ---

    private string? Scalar(ConfigKeySpec spec, RawValue raw)
    {
        if (raw is RawSecure) return null; // already reported: a secret where plain text belongs
        if (raw is RawScalar s)
        {
            if (s.Text.Length == 0) { Problem(raw.File, spec.Key, $"is empty; expected {spec.Allowed}"); return null; }
            return s.Text;
        }
        Problem(raw.File, spec.Key, $"expected {spec.Allowed}, got {raw.Shape}");
        return null;
    }

    private int? Integer(ConfigKeySpec spec, RawValue raw)
    {
        var text = Scalar(spec, raw);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < spec.Min || v > spec.Max)
        {
            Problem(raw.File, spec.Key, $"expected {spec.Allowed}, got '{text}'");
            return null;
        }
        return v;
    }

    private decimal? Decimal(ConfigKeySpec spec, RawValue raw)
    {
        var text = Scalar(spec, raw);
        if (text is null) return null;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) || v < spec.Min || v > spec.Max)
        {
            Problem(raw.File, spec.Key, $"expected {spec.Allowed}, got '{text}'");
            return null;
        }
        return v;
    }

    private bool? Boolean(ConfigKeySpec spec, RawValue raw)
    {
        var text = Scalar(spec, raw);
        if (text is null) return null;
        switch (text.ToLowerInvariant())
        {
            case "true": return true;
            case "false": return false;
            default:
                Problem(raw.File, spec.Key, $"expected {spec.Allowed}, got '{text}'");
                return null;
        }
    }

    private string? Choice(ConfigKeySpec spec, RawValue raw)
    {
        var text = Scalar(spec, raw);
        if (text is null) return null;
        if (spec.Choices!.Contains(text, StringComparer.Ordinal)) return text;
        var near = spec.Choices!.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        var hint = near is not null ? $" (did you mean '{near}'?)" : "";
        Problem(raw.File, spec.Key, $"expected {spec.Allowed}, got '{text}'{hint}");
        return null;
    }

    private string? Text(ConfigKeySpec spec, RawValue raw)
    {
        var text = Scalar(spec, raw);
        if (text is null) return null;
        if (spec.TextCheck is { } check && !check(text))
        {
            Problem(raw.File, spec.Key, $"expected {spec.Allowed}, got '{text}'");
            return null;
        }
        return text;
    }

    private SecretSetting? Secret(ConfigKeySpec spec, RawValue raw) => raw is RawSecure ? new SecretSetting(spec.Key) : null;

    private string? VpcCidr(ConfigKeySpec spec, RawValue raw)
    {
        var text = Scalar(spec, raw);
        if (text is null) return null;
        if (!Cidr.TryParse(text, out var n) || !Cidr.IsPrivateIpv4(n) || n.PrefixLength is < 16 or > 20)
        {
            Problem(raw.File, spec.Key, $"expected {spec.Allowed}, got '{text}'");
            return null;
        }
        return text;
    }

    private ImmutableArray<string>? CidrList(ConfigKeySpec spec, RawValue raw, string vpcCidr)
    {
        Cidr.TryParse(vpcCidr, out var vpc);
        var items = raw switch
        {
            RawList l => l.Items,
            RawScalar { Text.Length: 0 } => [],
            _ => default(ImmutableArray<RawValue>?),
        };
        if (items is null)
        {
            Problem(raw.File, spec.Key, $"expected {spec.Allowed}, got {raw.Shape}");
            return null;
        }
        if (items.Value.Length == 0)
        {
            Problem(raw.File, spec.Key, "lists no client network, so nobody could reach the site; list at least one CIDR (0.0.0.0/0 for everyone)");
            return null;
        }
        var result = new List<string>();
        var networks = new List<(int Index, System.Net.IPNetwork Network)>();
        for (var i = 0; i < items.Value.Length; i++)
        {
            var item = items.Value[i];
            if (item is not RawScalar { Text: var text } || !Cidr.TryParse(text, out var n))
            {
                Problem(item.File, $"{spec.Key}[{i}]", $"expected a CIDR block such as 203.0.113.0/24 (no host bits set), got {item.Shape}");
                continue;
            }
            var clash = networks.FindIndex(o => Cidr.Overlaps(o.Network, n));
            if (clash >= 0)
                Problem(item.File, $"{spec.Key}[{i}]", $"{text} overlaps entry [{networks[clash].Index}] ({result[clash]}); list each network once");
            else if (vpcCidr.Length > 0 && !Cidr.IsWorld(text) && Cidr.Overlaps(n, vpc))
                Problem(item.File, $"{spec.Key}[{i}]", $"{text} overlaps the stack's own VPC ({vpcCidr}); list the client networks outside it");
            networks.Add((i, n));
            result.Add(text);
        }
        return [.. result];
    }

    /// <summary>
    /// Networks allowed to reach the Kubernetes API: IPv4 only (EKS endpoint access lists take IPv4), each
    /// listed once, never the whole internet; public ones for the public endpoint, private ones for the
    /// private endpoint. An empty list is allowed and keeps that endpoint closed.
    /// </summary>
    private ImmutableArray<string>? ApiCidrList(ConfigKeySpec spec, RawValue raw, bool publicNetworks)
    {
        var items = raw switch
        {
            RawList l => l.Items,
            RawScalar { Text.Length: 0 } => [],
            _ => default(ImmutableArray<RawValue>?),
        };
        if (items is null)
        {
            Problem(raw.File, spec.Key, $"expected {spec.Allowed}, got {raw.Shape}");
            return null;
        }
        var result = new List<string>();
        var networks = new List<(int Index, System.Net.IPNetwork Network)>();
        for (var i = 0; i < items.Value.Length; i++)
        {
            var item = items.Value[i];
            var key = $"{spec.Key}[{i}]";
            if (item is not RawScalar { Text: var text } || !Cidr.TryParse(text, out var n) ||
                n.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                Problem(item.File, key, $"expected an IPv4 CIDR block such as 203.0.113.0/24 (no host bits set), got {item.Shape}");
                continue;
            }
            if (Cidr.IsWorld(text))
            {
                Problem(item.File, key, "0.0.0.0/0 would open the Kubernetes API to every network (FSBP EKS.1); list the administrators' networks");
                continue;
            }
            var isPrivate = Cidr.IsPrivateIpv4(n);
            var touchesPrivate = new[] { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16" }
                .Any(r => Cidr.Overlaps(System.Net.IPNetwork.Parse(r), n));
            if (publicNetworks && touchesPrivate)
            {
                Problem(item.File, key, $"{text} is a private range; the public endpoint only takes public networks (list private ones in mattermost:clusterEndpointPrivateCidrs)");
                continue;
            }
            if (!publicNetworks && !isPrivate)
            {
                Problem(item.File, key, $"{text} is not a private range (10/8, 172.16/12, 192.168/16); list public networks in mattermost:clusterEndpointPublicCidrs");
                continue;
            }
            var clash = networks.FindIndex(o => Cidr.Overlaps(o.Network, n));
            if (clash >= 0)
            {
                Problem(item.File, key, $"{text} overlaps entry [{networks[clash].Index}] ({result[clash]}); list each network once");
                continue;
            }
            networks.Add((i, n));
            result.Add(text);
        }
        return [.. result];
    }

    private ImmutableSortedDictionary<string, string>? StringMap(ConfigKeySpec spec, RawValue raw)
    {
        if (raw is not RawMap map)
        {
            Problem(raw.File, spec.Key, $"expected {spec.Allowed}, got {raw.Shape}");
            return null;
        }
        if (map.Entries.Count > ConfigKeys.MaxUserTags)
            Problem(raw.File, spec.Key, $"has {map.Entries.Count} tags; AWS allows 50 per resource and this tool sets {50 - ConfigKeys.MaxUserTags} itself, so at most {ConfigKeys.MaxUserTags}");
        var b = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Entries)
        {
            var key = $"{spec.Key}.{k}";
            if (v is RawSecure) continue; // reported by the secret scan: a tag is never a secret
            if (v is not RawScalar s) { Problem(v.File, key, $"expected a text value, got {v.Shape}"); continue; }
            if (ConfigKeys.ReservedTags.Contains(k) || k.StartsWith("kubernetes.io/", StringComparison.Ordinal))
                Problem(v.File, key, $"is set by this tool on every resource ({string.Join(", ", ConfigKeys.ReservedTags)}, kubernetes.io/...); choose another tag name");
            else if (k.Length is 0 or > 128 || k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || !TagText().IsMatch(k))
                Problem(v.File, key, "tag names are 1 to 128 characters of letters, digits, spaces and _ . : / = + - @, and must not start with 'aws:'");
            else if (s.Text.Length > 256 || !TagText().IsMatch(s.Text))
                Problem(v.File, key, "tag values are at most 256 characters of letters, digits, spaces and _ . : / = + - @");
            else b[k] = s.Text;
        }
        return b.ToImmutable();
    }

    private ImmutableArray<Waiver>? Waivers(ConfigKeySpec spec, RawValue raw)
    {
        if (raw is not RawList list)
        {
            Problem(raw.File, spec.Key, $"expected {spec.Allowed}, got {raw.Shape}");
            return null;
        }
        var result = new List<Waiver>();
        for (var i = 0; i < list.Items.Length; i++)
        {
            var path = $"{spec.Key}[{i}]";
            if (list.Items[i] is not RawMap m) { Problem(raw.File, path, $"expected {spec.Allowed}"); continue; }
            string Field(string name) => m.Entries.GetValueOrDefault(name) is RawScalar s ? s.Text : "";
            var policy = Field("policy");
            if (policy.Length == 0) { Problem(raw.File, $"{path}.policy", "is required: the id of the policy to waive"); continue; }
            var resources = m.Entries.GetValueOrDefault("resources") switch
            {
                RawList l => [.. l.Items.OfType<RawScalar>().Select(s => s.Text)],
                RawScalar s when s.Text.Length > 0 => ImmutableArray.Create(s.Text),
                _ => ImmutableArray<string>.Empty,
            };
            if (resources.IsEmpty) { Problem(raw.File, $"{path}.resources", "is required: list the resource names the waiver covers"); continue; }
            DateOnly? expires = null;
            var expiresText = Field("expires");
            if (expiresText.Length > 0)
            {
                if (DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) expires = d;
                else { Problem(raw.File, $"{path}.expires", $"expected a date YYYY-MM-DD, got '{expiresText}'"); continue; }
            }
            result.Add(new Waiver(policy, resources, Field("reason"), expires));
        }
        return [.. result];
    }

    private static RawValue ParseListDefault(string json) =>
        new RawList("(default)", [.. System.Text.Json.JsonSerializer.Deserialize<string[]>(json)!.Select(s => (RawValue)new RawScalar("(default)", s))]);

    // ---- checks across keys ---------------------------------------------------------------------

    private void CrossChecks(StackSettings s)
    {
        var zonesFile = FileOf("mattermost:availabilityZones");
        if (AwsRegions.IsKnown(s.Region) && s.AvailabilityZoneCount > AwsRegions.MaxZones(s.Region))
            Problem(zonesFile, "mattermost:availabilityZones",
                $"{s.Region} has {AwsRegions.MaxZones(s.Region)} usable zones; expected a whole number from 2 to {AwsRegions.MaxZones(s.Region)}");
        if (s.HighAvailability && s.AvailabilityZoneCount < 2)
            Problem(zonesFile, "mattermost:availabilityZones", "high availability needs at least 2 zones so that losing one zone leaves nodes running");
        if (s.Environment == EnvironmentKind.Production && s.HighAvailability && s.AvailabilityZoneCount < 2)
            Problem(zonesFile, "mattermost:availabilityZones", "production with high availability needs at least 2 zones");
        var maxRegistered = ConfigKeys.Find("mattermost:registeredUsers")!.Max;
        if (s.Load.RegisteredUsers > 0 && s.Load.RegisteredAtHorizon > maxRegistered)
            Problem(FileOf("mattermost:annualGrowthPercent"), "mattermost:annualGrowthPercent",
                $"{s.Load.AnnualGrowthPercent}% a year over {s.Load.GrowthHorizonMonths} months (x{s.Load.GrowthFactor:0.####}) grows {s.Load.RegisteredUsers:N0} registered users to " +
                $"{s.Load.RegisteredAtHorizon:N0}; this tool sizes at most {maxRegistered:N0} registered users at the horizon (the largest mattermost:registeredUsers): lower the growth or mattermost:growthHorizonMonths");
        if (s.Load.PeakConcurrentUsers is { } peak && peak > s.Load.RegisteredUsers)
            Problem(FileOf("mattermost:peakConcurrentUsers"), "mattermost:peakConcurrentUsers",
                $"{peak} is more than mattermost:registeredUsers ({s.Load.RegisteredUsers}); concurrent users are a share of registered users");
        if (s.CertificateArn.Length > 0 && s.Region.Length > 0 && s.CertificateArn.Split(':')[3] != s.Region)
            Problem(FileOf("mattermost:certificateArn"), "mattermost:certificateArn",
                $"is in region {s.CertificateArn.Split(':')[3]}, but the load balancer is in {s.Region}; ACM certificates must be in the load balancer's region");
        foreach (var tag in ConfigKeys.RequiredTags)
            if (!s.Tags.ContainsKey(tag))
                Problem(FileOf("mattermost:tags"), $"mattermost:tags.{tag}", $"is required: every resource is tagged with its {tag}");
        if (s.AppInstanceType is { } t && s.HighAvailability && t.StartsWith("t3.", StringComparison.Ordinal))
            Problem(FileOf("mattermost:appInstanceType"), "mattermost:appInstanceType",
                $"{t} is burstable and cannot hold a sized cluster's steady load; choose a c7i, c6i or m7i type for high availability");
    }

    private string FileOf(string key) =>
        stackValues.GetValueOrDefault(key)?.File ?? project.GetValueOrDefault(key)?.File ?? _stackFile;

    private void Problem(string file, string key, string message) =>
        _problems.Add(new ConfigProblem(file, key.StartsWith("(", StringComparison.Ordinal) ? key : "config." + key, message));

    /// <summary>The known key whose name (after the namespace) is nearest to <paramref name="name"/>, if near enough.</summary>
    private static ConfigKeySpec? BestKey(string name)
    {
        static string NameOf(string key) => key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var best = ConfigKeys.All.MinBy(k => Suggestions.DistanceIgnoringCase(NameOf(k.Key), name))!;
        return Suggestions.DistanceIgnoringCase(NameOf(best.Key), name) <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static string Suggest(string name) =>
        BestKey(name) is { } k ? $"did you mean {k.Key}?" : "no setting has a similar name";

    // AWS tag keys and values: letters, digits and spaces in UTF-8, and _ . : / = + - @
    // (docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html, "Tag naming limits and requirements").
    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    private static partial Regex TagText();
}
