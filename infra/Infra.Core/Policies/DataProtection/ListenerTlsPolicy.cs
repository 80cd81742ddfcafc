using System.Collections.Immutable;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>
/// MM-DATA-003: load balancer listeners use HTTPS with a TLS 1.2+ security policy; a plain HTTP listener
/// only redirects to HTTPS. Covers aws:lb listeners and the ALBs the load balancer controller builds from ingresses.
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
        "redirect to HTTPS (ELB.1); it must never forward plain HTTP to Mattermost. On Kubernetes the AWS Load Balancer Controller builds the ALB " +
        "from the ingress: give the Mattermost resource a certificateARN (without one the operator's ingress listens on plain HTTP 8065, " +
        "security-baseline.md §1.7) and the annotation alb.ingress.kubernetes.io/ssl-policy (the controller's default is ELBSecurityPolicy-2016-08).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var listeners = ctx.Facts.OfTypes(Types.Listeners).ToList();
        var ingresses = IngressLoadBalancers.All(ctx.Graph).ToList();
        if (listeners.Count == 0 && ingresses.Count == 0) { yield return Finding.NotApplicable("(stack)", "no load balancer listeners and no ALB ingress"); yield break; }
        foreach (var alb in ingresses) yield return Ingress(alb);
        foreach (var l in listeners)
        {
            var protocol = Text(l.Properties["protocol"]) ?? "HTTP";
            if (protocol is "HTTPS" or "TLS")
            {
                var policy = Text(l.Properties["sslPolicy"]) ?? "ELBSecurityPolicy-2016-08 (the API default)";
                var modern = IsModern(policy);
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

    private static bool IsModern(string policy) => ModernPrefixes.Any(p => policy.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// An ALB the load balancer controller builds from ingress annotations: every HTTPS listener has a certificate
    /// and a TLS 1.2+ ssl-policy (the controller's default allows TLS 1.0), every HTTP listener is redirected by ssl-redirect.
    /// </summary>
    private static Finding Ingress(IngressLoadBalancer alb)
    {
        var type = alb.Node.Type;
        if (alb.Listeners() is not { } listeners)
            return Finding.Fail(alb.Node.Name, type, $"{alb.Description}: listen-ports \"{alb.Annotation("listen-ports")}\" cannot be read, so its listeners are unknown");
        var policy = alb.Annotation("ssl-policy");
        var effective = policy ?? $"{IngressLoadBalancer.DefaultSslPolicy} (the controller's default)";
        var redirect = alb.Annotation("ssl-redirect");
        var problems = new List<string>();
        var https = listeners.Where(l => l.Protocol == "HTTPS").ToList();
        if (https.Count > 0 && !alb.Has("certificate-arn")) problems.Add("HTTPS without a certificate");
        if (https.Count > 0 && !IsModern(effective)) problems.Add($"HTTPS with {effective}, which allows TLS below 1.2");
        foreach (var http in listeners.Where(l => l.Protocol != "HTTPS"))
            if (redirect is null || !https.Any(h => h.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) == redirect))
                problems.Add($"{http.Protocol} on {http.Port} serves traffic without TLS (no ssl-redirect to an HTTPS listener)");
        var shape = string.Join(", ", listeners.Select(l => $"{l.Protocol} {l.Port}"));
        return Finding.Check(problems.Count == 0, alb.Node.Name, type,
            $"{alb.Description}: {shape}; HTTPS with {effective}" + (redirect is null ? "" : $", HTTP redirected to {redirect}"),
            $"{alb.Description}: {string.Join("; ", problems)}");
    }
}
