using System.Collections.Immutable;

namespace Infra.Core.Settings;

/// <summary>The load a customer projects. Everything in the sizing engine starts here.</summary>
public sealed record LoadProfile(
    int RegisteredUsers,
    int? PeakConcurrentUsers,
    decimal ConcurrencyRatio,
    decimal AnnualGrowthPercent,
    int GrowthHorizonMonths,
    FileUsageProfile FileUsage,
    int HeadroomPercent)
{
    /// <summary>Registered users multiply by this over the horizon: (1 + growth)^(months / 12), to four decimals.</summary>
    public decimal GrowthFactor =>
        Math.Round((decimal)Math.Pow(1 + (double)AnnualGrowthPercent / 100, GrowthHorizonMonths / 12.0), 4);

    /// <summary>Registered users at the end of the horizon, in a type that cannot overflow for any allowed input.</summary>
    public decimal RegisteredAtHorizon => Math.Ceiling(RegisteredUsers * GrowthFactor);
}

/// <summary>A stack's request to skip one policy for named resources, until a date, for a reason.</summary>
public sealed record Waiver(string Policy, ImmutableArray<string> Resources, string Reason, DateOnly? Expires);

/// <summary>A configured Pulumi secret. The ciphertext is never decrypted by the core; the program reads it.</summary>
public sealed record SecretSetting(string Key);

/// <summary>A validated, typed view of one stack's configuration (Pulumi.yaml defaults + Pulumi.&lt;stack&gt;.yaml).</summary>
public sealed record StackSettings
{
    public required string Stack { get; init; }
    public required string ProjectName { get; init; }
    public required EnvironmentKind Environment { get; init; }
    public required string Region { get; init; }
    public required LoadProfile Load { get; init; }
    public required bool HighAvailability { get; init; }
    public required int AvailabilityZoneCount { get; init; }
    public required ImmutableArray<string> AvailabilityZones { get; init; }
    public required string VpcCidr { get; init; }
    public required bool NatGatewayPerZone { get; init; }
    public required AppTierKind AppTier { get; init; }
    public string KubernetesVersion { get; init; } = "1.35";
    public ImmutableArray<string> ClusterEndpointPublicCidrs { get; init; } = [];
    public ImmutableArray<string> ClusterEndpointPrivateCidrs { get; init; } = [];
    public string? AppInstanceType { get; init; }
    public string? DatabaseInstanceClass { get; init; }
    public string? SearchInstanceType { get; init; }
    public required bool EnterpriseSearch { get; init; }
    public required string PostgresVersion { get; init; }
    public required int BackupRetentionDays { get; init; }
    public required bool DeletionProtection { get; init; }
    public required bool RetainOnDelete { get; init; }
    public required string DomainName { get; init; }
    public required string CertificateArn { get; init; }
    public required ImmutableArray<string> AllowedClientCidrs { get; init; }
    public required string MattermostVersion { get; init; }
    public required int LogRetentionDays { get; init; }
    public string? AlarmTopicArn { get; init; }
    public SecretSetting? LicenseKey { get; init; }
    public required ImmutableSortedDictionary<string, string> Tags { get; init; }
    public ImmutableArray<Waiver> Waivers { get; init; } = [];

    /// <summary>Mattermost's own configuration (<c>mattermost:app</c>), validated, with the environment's defaults.</summary>
    public App.AppConfig App { get; init; } = Infra.Core.Settings.App.AppConfig.Empty;

    /// <summary>Every key as resolved, with where its value came from (plan.json carries them; the diff compares them).</summary>
    public ImmutableArray<ResolvedSetting> Resolved { get; init; } = [];

    public string PostgresMajorVersion => PostgresVersion.Split('.')[0];

    /// <summary>Production stacks protect their stateful resources against accidental deletion.</summary>
    public bool IsProduction => Environment == EnvironmentKind.Production;

    public string SiteUrl => $"https://{DomainName}";
}
