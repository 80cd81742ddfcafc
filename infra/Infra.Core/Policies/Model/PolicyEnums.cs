namespace Infra.Core.Policies.Model;

/// <summary>How much harm a failure can do. Mapped to SARIF levels and shown in every report.</summary>
public enum Severity { Critical, High, Medium, Low }

/// <summary>Mandatory failures fail <c>check</c> (exit code 1); advisory failures are reported and do not.</summary>
public enum Enforcement { Mandatory, Advisory }

/// <summary>One resource's result under one policy.</summary>
public enum Outcome { Pass, Fail, Waived, NotApplicable }
