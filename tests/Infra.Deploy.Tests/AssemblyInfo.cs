// Pulumi's Deployment is a process-wide singleton: deployments under test must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
