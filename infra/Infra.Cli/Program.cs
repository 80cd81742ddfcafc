using Infra.Core.Components;
using Infra.Core.Rendering;
using Infra.Core.Settings;

var loader = new StackSettingsLoader(".");
var settings = loader.Load(args[0]);
var graph = EnvironmentGraphBuilder.Build(settings);
Console.Write(new PulumiYamlRenderer().Render(graph, settings.ProjectName));
