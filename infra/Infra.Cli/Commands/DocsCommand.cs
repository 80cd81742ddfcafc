using Infra.Core.Documentation;

namespace Infra.Cli.Commands;

/// <summary>
/// <c>docs</c>: the parts of docs/ that are generated from the code's data (the configuration keys, the policy pack).
/// <c>--write</c> rewrites them in place between their markers; <c>--check</c> fails (exit 1) when one is stale.
/// </summary>
public sealed class DocsCommand : ICommand
{
    public CommandSpec Spec { get; } = new("docs",
        "docs (--write | --check) [--project-dir DIR]",
        "Regenerate (--write) or check (--check, exit 1 when stale) the generated tables of docs/: " +
        string.Join(", ", GeneratedDocs.Sections.Select(s => $"{s.RelativePath} ({s.Name})")) + ".",
        ["project-dir"], ["write", "check"]);

    public int Run(CliContext ctx)
    {
        var write = ctx.Args.Flag("write");
        var check = ctx.Args.Flag("check");
        if (write == check) throw new UsageException("give either --write or --check");
        var root = ctx.ProjectDirectory;
        try
        {
            if (check)
            {
                var stale = GeneratedDocs.Stale(root);
                if (stale.Count == 0)
                {
                    ctx.Out.WriteLine($"docs/ is up to date ({GeneratedDocs.Sections.Count} generated sections).");
                    return ExitCodes.Ok;
                }
                ctx.Err.WriteLine($"error: {stale.Count} generated section{(stale.Count == 1 ? " is" : "s are")} stale:");
                foreach (var s in stale) ctx.Err.WriteLine($"  {s}");
                ctx.Err.WriteLine($"fix: {GeneratedDocs.WriteCommand}   (then commit docs/)");
                return ExitCodes.PolicyFailed;
            }
            var pages = GeneratedDocs.Render(root);
            StagedWrite.Apply(root, pages, []);
            ctx.Progress($"wrote {string.Join(", ", pages.Select(p => p.RelativePath))}");
            return ExitCodes.Ok;
        }
        catch (DocsException e)
        {
            throw new InputException(e.Page, e.Message[(e.Page.Length + 2)..]);
        }
    }
}
