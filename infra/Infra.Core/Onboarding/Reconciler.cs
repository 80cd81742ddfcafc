using System.Text.Json.Nodes;

namespace Infra.Core.Onboarding;

/// <summary>One difference between the server and the repository, and what applying it does.</summary>
public sealed record Change(string Kind, string Target, string Description);

/// <summary>
/// Reads the server's roles, teams and channels, lists what differs from the desired state, and (with apply)
/// changes exactly that. Roles are patched with the whole resulting permission list (PUT /roles/{id}/patch replaces
/// it), computed from the server's current list, so permissions not named in the repository are kept.
/// </summary>
public sealed class Reconciler(MattermostClient client)
{
    public IReadOnlyList<Change> Run(DesiredState desired, bool apply)
    {
        var changes = new List<Change>();
        foreach (var patch in desired.Roles)
        {
            var role = client.GetRoleByName(patch.Role)
                ?? throw new MattermostApiException(404, "GET", $"/api/v4/roles/name/{patch.Role}", $"the server has no role '{patch.Role}'");
            var current = role["permissions"]!.AsArray().Select(p => (string)p!).ToList();
            var added = patch.Add.Where(p => !current.Contains(p)).ToList();
            var removed = patch.Remove.Where(current.Contains).ToList();
            if (added.Count == 0 && removed.Count == 0) continue;
            var text = string.Join(", ", added.Select(a => "+" + a).Concat(removed.Select(r => "-" + r)));
            changes.Add(new Change("role", patch.Role, text));
            if (apply) client.PatchRole((string)role["id"]!, current.Except(removed).Concat(added));
        }
        foreach (var team in desired.Teams)
        {
            var existing = client.GetTeamByName(team.Name);
            if (existing is null)
            {
                changes.Add(new Change("team", team.Name, $"create ({(team.Type == "O" ? "open" : "invite only")}, '{team.DisplayName}')"));
                if (apply) existing = client.CreateTeam(team.Name, team.DisplayName, team.Type);
            }
            else if ((string?)existing["type"] != team.Type)
            {
                // The team exists with another type: reported, not changed (opening a team is a decision for a person).
                changes.Add(new Change("team", team.Name, $"type on the server is {(string?)existing["type"]}, the repository says {team.Type}; change it by hand"));
            }
            foreach (var channel in team.Channels)
            {
                var teamId = (string?)existing?["id"];
                var found = teamId is null ? null : client.GetChannelByName(teamId, channel.Name);
                if (found is not null) continue;
                changes.Add(new Change("channel", $"{team.Name}/{channel.Name}", $"create ({(channel.Type == "O" ? "public" : "private")}, '{channel.DisplayName}')"));
                if (apply && teamId is not null) client.CreateChannel(teamId, channel.Name, channel.DisplayName, channel.Type);
            }
        }
        return changes;
    }
}
