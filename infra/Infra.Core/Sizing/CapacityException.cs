namespace Infra.Core.Sizing;

/// <summary>
/// The projected load cannot be placed on any resource the sizing may choose (no node type holds a pod
/// of the size it needs). Input, not a bug: the planner turns it into a configuration problem.
/// </summary>
public sealed class CapacityException(string message) : Exception(message);
