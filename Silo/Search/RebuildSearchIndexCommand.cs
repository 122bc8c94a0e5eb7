using System.Globalization;
using Instagram.Grains.Search;
using Instagram.Silo.Hosting;
using Microsoft.Extensions.Logging;

namespace Instagram.Silo.Search;

/// <summary>
/// <c>dotnet run --project Silo -- rebuild-search-index</c>: joins the running cluster as a client (Cluster profile:
/// membership in PostgreSQL; Embedded profile: the co-hosted silo's gateway on localhost, Orleans:GatewayPort) and
/// rebuilds the search index from grain state. Same configuration as the silo (appsettings, environment, --Key=value).
/// </summary>
public static class RebuildSearchIndexCommand
{
    public const string Name = "rebuild-search-index";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = OrleansHostOptions.From(builder.Configuration);
        if (options.Profile == OrleansProfile.Cluster)
        {
            builder.UseInstagramClient();
        }
        else
        {
            builder.UseOrleansClient(client => client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId));
        }

        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            Console.WriteLine($"Rebuilding the search index of cluster '{options.ClusterId}' ({options.Profile} profile)...");
            var report = await host.Services.GetRequiredService<IClusterClient>().GetGrain<ISearchIndexAdminGrain>(0).RebuildAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Search index rebuilt: {report.Users} users, {report.Posts} posts in {report.Elapsed.TotalSeconds:F1} s."));
            await host.StopAsync();
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"Rebuilding the search index failed: {ex.Message}");
            return 1;
        }
    }
}
