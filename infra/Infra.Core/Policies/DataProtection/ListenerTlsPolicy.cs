using System.Collections.Immutable;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>
/// MM-DATA-003: load balancer listeners use HTTPS with a TLS 1.2+ security policy; a plain HTTP listener
/// only redirects to HTTPS.
/// </summary>
public sealed class ListenerTlsPolicy : DataProtectionPolicyBase
{
    /// <summary>
    /// Security policies whose minimum is TLS 1.2, by name family (AWS "Security policies for your Application
    /// Load Balancer", describe-ssl-policies.html): TLS13-1-2/TLS13-1-3, FS-1-2 and TLS-1-2 policies. The API
    /// default, ELBSecurityPolicy-2016-08, still allows TLS 1.0.
    /// </summary>
    private static readonly string[] ModernPrefixes =
        ["ELBSecurityPolicy-TLS13-1-2-", "ELBSecurityPolicy-TLS13-1-3-", "ELBSecurityPolicy-FS-1-2-", "ELBSecurityPolicy-TLS-1-2-"];

    public override string Id => "MM-DATA-003";
    public override string Name => "HTTPS listeners with a modern TLS policy; HTTP only redirects";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["ELB.1"];
    public override string HelpUri => Fsbp("elb", "elb-1");

    public override string Guideline =>
        "Terminate TLS at the load balancer with the stack's ACM certificate and a security policy whose minimum is TLS 1.2 " +
        "(e.g. ELBSecurityPolicy-TLS13-1-2-2021-06; the API default ELBSecurityPolicy-2016-08 allows TLS 1.0). A port-80 listener may only " +
        "redirect to HTTPS (ELB.1); it must never forward plain HTTP to Mattermost.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var listeners = ctx.Facts.OfTypes(Types.Listeners).ToList();
        if (listeners.Count == 0) { yield return Finding.NotApplicable("(stack)", "no load balancer listeners"); yield break; }
        foreach (var l in listeners)
        {
            var protocol = Text(l.Properties["protocol"]) ?? "HTTP";
            if (protocol is "HTTPS" or "TLS")
            {
                var policy = Text(l.Properties["sslPolicy"]) ?? "ELBSecurityPolicy-2016-08 (the API default)";
                var modern = ModernPrefixes.Any(p => policy.StartsWith(p, StringComparison.Ordinal));
                var cert = l.Properties["certificateArn"] is not null;
                yield return Finding.Check(modern && cert, l.Name, l.Type, $"{protocol} with {policy}",
                    !cert ? $"{protocol} without a certificate" : $"{protocol} with {policy}, which allows TLS below 1.2");
                continue;
            }
            var actions = Items(l.Properties["defaultActions"]).OfType<MapValue>().ToList();
            var redirects = actions.Count > 0 && actions.All(a => Text(a["type"]) == "redirect" && Text(a.At("redirect.protocol")) == "HTTPS");
            yield return Finding.Check(redirects, l.Name, l.Type, $"{protocol} on {Show(l.Properties["port"])} only redirects to HTTPS",
                $"{protocol} on {Show(l.Properties["port"])} {(actions.Count == 0 ? "has no default action" : "serves traffic without TLS")}");
        }
    }
}
