using Infra.Deploy;
using Pulumi;

// `pulumi up --stack <name>` runs this: plan the stack from its Pulumi.<stack>.yaml, register the graph.
return await Deployment.RunAsync(MattermostProgram.Run);
