using System.Collections.Immutable;
using Infra.Core.Policies.Model;

namespace Infra.Core.Policies.Sizing;

/// <summary>
/// Common ground of the sizing policies: capacity is read from the graph, the load from the sizing basis.
/// A graph checked without a basis (a program on its own) has no projected load, so load-based checks
/// report "not applicable" instead of guessing one.
/// </summary>
public abstract class SizingPolicy : Policy
{
    protected const string Docs = "https://docs.mattermost.com/administration-guide/scale/scaling-for-enterprise.html";
    protected const string HaDocs = "https://docs.mattermost.com/administration-guide/scale/high-availability-cluster-based-deployment.html";

    public override string Category => "sizing";

    public override ImmutableArray<string> Controls => [];

    public override string HelpUri => Docs;

    protected static Finding NoBasis(string what) =>
        Finding.NotApplicable("(stack)", $"no projected load: {what} needs the stack's sizing (check --stack, or --input with --stack or a JSON plan)");
}
