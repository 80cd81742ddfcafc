using System.Collections.Immutable;
using System.Text.Json;
using Infra.Core.Graph;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Support;

/// <summary>One listener of a load balancer: HTTP or HTTPS on a port.</summary>
public sealed record IngressListener(string Protocol, int Port);

/// <summary>
/// An application load balancer that the AWS Load Balancer Controller builds at run time from a Kubernetes
/// Ingress: the program declares no aws:lb resource for it, only the ingress annotations that say how it is
/// built. <paramref name="Annotations"/> are the ingress's effective annotations.
/// </summary>
public sealed record IngressLoadBalancer(ResourceNode Node, string Description, ImmutableSortedDictionary<string, Value> Annotations)
{
    public const string Prefix = "alb.ingress.kubernetes.io/";

    /// <summary>The controller's default security policy when the ingress names none (it allows TLS 1.0).</summary>
    public const string DefaultSslPolicy = "ELBSecurityPolicy-2016-08";

    public string? Annotation(string name) => Annotations.TryGetValue(Prefix + name, out var v) ? Text(v) : null;

    public bool Has(string name) => Annotations.ContainsKey(Prefix + name);

    /// <summary>
    /// listen-ports, a JSON list such as [{"HTTP": 80}, {"HTTPS": 443}]; without it the controller listens on HTTPS 443
    /// when the ingress has a certificate and on HTTP 80 otherwise. Null when the annotation cannot be read.
    /// </summary>
    public IReadOnlyList<IngressListener>? Listeners()
    {
        if (Annotation("listen-ports") is not { } text)
            return Has("certificate-arn") ? [new("HTTPS", 443)] : [new("HTTP", 80)];
        try
        {
            using var doc = JsonDocument.Parse(text);
            return [.. doc.RootElement.EnumerateArray().SelectMany(o => o.EnumerateObject())
                .Select(p => new IngressListener(p.Name.ToUpperInvariant(), p.Value.TryGetInt32(out var port) ? port : 0))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>load-balancer-attributes, "key=value,key=value", as a map.</summary>
    public IReadOnlyDictionary<string, string> Attributes() =>
        (Annotation("load-balancer-attributes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(kv => kv.Split('=', 2)).Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0].Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.Ordinal);
}

/// <summary>
/// Finds the ALBs a program asks the AWS Load Balancer Controller for: the Mattermost resource's
/// spec.awsLoadBalancerController, and Ingress objects of the "alb" class.
/// </summary>
public static class IngressLoadBalancers
{
    public static IEnumerable<IngressLoadBalancer> All(ResourceGraph graph)
    {
        foreach (var o in KubernetesObjects.All(graph))
        {
            if (o.Kind == KubernetesObjects.MattermostKind && o.ApiVersion.StartsWith("installation.mattermost.com/", StringComparison.Ordinal))
            {
                if (o.Spec["awsLoadBalancerController"] is MapValue alb && Bool(alb["enabled"]) == true)
                    yield return new IngressLoadBalancer(o.Node, $"the ALB of Mattermost {o.Name} (its operator's ingress)", OperatorAnnotations(alb));
            }
            else if (o.Kind == "Ingress" && o.ApiVersion.StartsWith("networking.k8s.io/", StringComparison.Ordinal))
            {
                var annotations = o.Object.At("metadata.annotations") as MapValue ?? MapValue.Empty;
                if (Text(o.Spec["ingressClassName"]) == "alb" || Text(annotations["kubernetes.io/ingress.class"]) == "alb")
                    yield return new IngressLoadBalancer(o.Node, $"the ALB of ingress {o.Name}", annotations.Entries);
            }
        }
    }

    /// <summary>
    /// The annotations the Mattermost Operator puts on its ingress (mattermost-operator 07a736bb,
    /// pkg/mattermost/mattermost_v1beta.go GenerateALBIngressV1Beta): with a certificateARN, that certificate,
    /// listeners HTTP 80 and HTTPS 443 and a redirect to 443; without one, a plain HTTP listener on 8065. The
    /// resource's own annotations are applied after these and override them.
    /// </summary>
    private static ImmutableSortedDictionary<string, Value> OperatorAnnotations(MapValue alb)
    {
        var b = ImmutableSortedDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
        b[IngressLoadBalancer.Prefix + "scheme"] = Bool(alb["internetFacing"]) == true ? "internet-facing" : "internal";
        if (alb["certificateARN"] is { } cert && Text(cert) is not "")
        {
            b[IngressLoadBalancer.Prefix + "certificate-arn"] = cert;
            b[IngressLoadBalancer.Prefix + "ssl-redirect"] = "443";
            b[IngressLoadBalancer.Prefix + "listen-ports"] = "[{\"HTTP\": 80}, {\"HTTPS\":443}]";
        }
        else b[IngressLoadBalancer.Prefix + "listen-ports"] = "[{\"HTTP\": 8065}]";
        if (alb["annotations"] is MapValue own)
            foreach (var (k, v) in own.Entries) b[k] = v;
        return b.ToImmutable();
    }
}
