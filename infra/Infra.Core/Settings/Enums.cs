namespace Infra.Core.Settings;

/// <summary>The three environments Mattermost's roll-out checklist asks for (mattermost-sizing.md §4.4).</summary>
public enum EnvironmentKind { Pilot, Staging, Production }

/// <summary>How the Mattermost application runs: EC2 instances in an auto scaling group, or pods on EKS.</summary>
public enum AppTierKind { Vm, Kubernetes }

/// <summary>Mattermost's file-usage profiles (lifetime-storage.rst, mattermost-sizing.md Table 5).</summary>
public enum FileUsageProfile { Low, Medium, High }
