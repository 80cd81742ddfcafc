using System.Collections.Immutable;
using Infra.Core.Settings;

namespace Infra.Core.Policies.Model;

/// <summary>A finding after waivers, as every report shows it.</summary>
public sealed record PolicyResult(
    string PolicyId,
    string Resource,
    string ResourceType,
    Outcome Outcome,
    string Message,
    ImmutableArray<string> Controls,
    Waiver? Waiver = null);
