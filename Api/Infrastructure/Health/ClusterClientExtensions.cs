using Instagram.Silo.Hosting;
using Orleans.Configuration;

namespace Instagram.Api.Infrastructure.Health;

public static class ClusterClientExtensions
{
    /// <summary>
    /// The Cluster-profile Api's client: it waits for silos instead of failing, the host starts its services side by
    /// side so Kestrel listens while the client waits, and grain calls time out after
    /// <see cref="ClusterClientOptions.ResponseTimeout"/>.
    /// </summary>
    public static IHostApplicationBuilder UseApiClusterClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ClusterClientOptions, ClusterClientOptionsValidator>("Orleans");
        builder.Services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
        builder.UseInstagramClient(client =>
        {
            client.Services.AddSingleton<IClientConnectionRetryFilter, WaitForClusterRetryFilter>();
            client.Services.AddOptions<ClientMessagingOptions>()
                .Configure<IOptions<ClusterClientOptions>>((messaging, api) => messaging.ResponseTimeout = api.Value.ResponseTimeout);
            client.AddInstagramDashboard(builder.Configuration);
            // The silos' stream engine (Streams:Provider), so anything the Api produces lands where the silos read.
            client.AddDurableStreams(builder.Configuration);
        });
        return builder;
    }
}
