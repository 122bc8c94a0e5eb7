using Instagram.ServiceDefaults;
using Instagram.Silo.Hosting;
using Instagram.Silo.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Instagram.Silo;

// An explicit class rather than top-level statements: those would be a global Program, which the Api (referencing
// this project) also has.
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [RebuildSearchIndexCommand.Name, ..])
        {
            return await RebuildSearchIndexCommand.RunAsync(args[1..]);
        }

        return await ConfigurationErrors.RunAsync("Instagram.Silo", () => RunAsync(args));
    }

    private static async Task<int> RunAsync(string[] args)
    {

        // Content root = the build output, so appsettings.json is found whatever the working directory. A web host only
        // when the silo's HTTP endpoint is asked for.
        var generic = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var httpPort = SiloHttpEndpoint.PortFrom(generic.Configuration);
        var web = httpPort is null ? null : WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        IHostApplicationBuilder builder = web ?? (IHostApplicationBuilder)generic;
        var orleans = OrleansHostOptions.From(builder.Configuration);
        builder.AddLifecycleLog("Instagram.Silo", orleans.Describe() + (httpPort is { } port ? $", http port {port}" : ", no http endpoint"));
        if (orleans.Profile == OrleansProfile.Cluster)
        {
            using var loggers = LoggerFactory.Create(logging => logging.AddConsole());
            if (!await ClusterPreflight.CheckAsync(ClusterConnections.From(builder.Configuration), loggers.CreateLogger("Instagram.Silo")))
            {
                return 2;
            }
        }

        builder.AddInstagramTelemetry("instagram-silo");
        builder.UseInstagramSilo();
        IHost host = web is null ? generic.Build() : SiloHttpEndpoint.Build(web, httpPort!.Value);
        ConfigurationErrors.ValidateOptions(host);
        await host.RunAsync();
        return 0;
    }
}
