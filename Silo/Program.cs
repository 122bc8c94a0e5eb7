using Instagram.Silo.Hosting;
using Microsoft.Extensions.Logging;

// Content root = the build output, so appsettings.json is found whatever the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (OrleansHostOptions.From(builder.Configuration).Profile == OrleansProfile.Cluster)
{
    using var loggers = LoggerFactory.Create(logging => logging.AddConsole());
    if (!await ClusterPreflight.CheckAsync(ClusterConnections.From(builder.Configuration), loggers.CreateLogger("Instagram.Silo")))
    {
        return 2;
    }
}

builder.UseInstagramSilo();
await builder.Build().RunAsync();
return 0;
