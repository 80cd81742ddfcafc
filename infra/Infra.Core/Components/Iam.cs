using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>IAM policy documents as graph values, rendered with fn::toJSON so that references stay live.</summary>
public static class Iam
{
    public static Value Document(params Value[] statements) =>
        V.Json(V.Map(("Version", "2012-10-17"), ("Statement", V.List(statements))));

    public static Value AssumeRole(string service) =>
        Document(V.Map(
            ("Effect", "Allow"),
            ("Principal", V.Map(("Service", service))),
            ("Action", "sts:AssumeRole")));

    public static MapValue Allow(string sid, IEnumerable<string> actions, params Value[] resources) =>
        V.Map(("Sid", sid), ("Effect", "Allow"), ("Action", V.Strings(actions)), ("Resource", V.List(resources)));
}
