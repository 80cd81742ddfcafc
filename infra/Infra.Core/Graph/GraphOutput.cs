namespace Infra.Core.Graph;

/// <summary>A stack output. Secret outputs stay encrypted in the Pulumi state and are shown as [secret].</summary>
public sealed record GraphOutput(string Name, Value Value, bool Secret, string Description);
