using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Settings;
using Pulumi;

namespace Infra.Deploy;

/// <summary>
/// The whole program: the stack being deployed is planned by the same settings loader and graph builder
/// as the <c>plan</c> command, then its graph is registered. Problems are reported as Pulumi errors
/// without a stack trace, naming the file and key, before any resource is registered.
/// </summary>
public static class MattermostProgram
{
    public static IDictionary<string, object?> Run()
    {
        var plan = Plan(Deployment.Instance.StackName, ProjectRoot.Locate());
        RequireLicence(plan);
        return GraphDeployment.Deploy(plan.Graph).Outputs;
    }

    /// <summary>
    /// A cluster or enterprise search without an Enterprise licence would deploy and not work (the nodes do not
    /// form a cluster): refused here, before anything is registered. <c>plan</c> warns and <c>check</c> reports it
    /// (MM-GOV-002); only the program can refuse, since only a real stack holds the licence secret.
    /// </summary>
    public static void RequireLicence(StackPlan plan)
    {
        if (plan.Licence.Missing)
            throw new RunException($"{plan.Licence.Problem(plan.Stack)} Nothing was deployed.");
    }

    public static StackPlan Plan(string stack, string projectDirectory)
    {
        try
        {
            return new Planner(projectDirectory).Plan(stack);
        }
        catch (ConfigException e)
        {
            throw new RunException(
                $"the configuration of stack '{stack}' has {e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}; nothing was deployed:"
                + string.Concat(e.Problems.Select(p => $"{Environment.NewLine}  {p}")));
        }
        catch (Infra.Core.Sizing.NoPlanFitsException e)
        {
            throw new RunException($"stack '{stack}' has no plan inside the cloud's limits; nothing was deployed: {e.Message}");
        }
        catch (GraphException e)
        {
            throw new RunException($"the desired-state graph of stack '{stack}' is inconsistent: {e.Message}");
        }
    }
}
