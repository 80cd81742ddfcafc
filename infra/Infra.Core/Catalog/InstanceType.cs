namespace Infra.Core.Catalog;

public enum InstanceFamily { Compute, Database, Search, Cache }

/// <summary>Hardware of one instance type or class, with the source of its numbers.</summary>
public sealed record InstanceType(string Name, InstanceFamily Family, int VCpus, decimal MemoryGiB, string Architecture, string Source);
