using Instagram.Grains;
using Instagram.Silo.Ids;
using Orleans.Configuration;

namespace Instagram.Silo.Hosting;

public static class SiloExtensions
{
    /// <summary>
    /// Hosts a silo in this process: identity and ports from the "Orleans" section, the grains, and the
    /// providers of the configured profile.
    /// </summary>
    public static IHostApplicationBuilder UseInstagramSilo(this IHostApplicationBuilder builder)
    {
        var options = OrleansHostOptions.From(builder.Configuration);
        if (options.Profile == OrleansProfile.Cluster)
        {
            builder.Services.AddLeasedIdGeneratorWhenUnconfigured(builder.Configuration);
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            switch (options.Profile)
            {
                case OrleansProfile.Embedded:
                    silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                    silo.AddEmbeddedProviders();
                    break;
                case OrleansProfile.Cluster:
                    var connections = ClusterConnections.From(builder.Configuration);
                    silo.UsePostgresClustering(connections);
                    silo.ConfigureEndpoints(options.AdvertisedAddress(), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
                    silo.UseKubernetesHostingWhenEnabled(builder.Configuration);
                    silo.AddClusterProviders(builder.Configuration);
                    silo.UseClusterTlsWhenConfigured(builder.Configuration);
                    break;
                default:
                    throw new NotSupportedException($"Unknown Orleans:Profile {options.Profile}.");
            }

            silo.AddInstagramGrains();
            silo.AddActivityPropagation(); // one trace from the HTTP request through every grain call
            silo.AddInstagramDashboard(builder.Configuration);
        });
        return builder;
    }

    /// <summary>
    /// Joins a running Cluster-profile cluster as a client (the Api, the load tester): membership from PostgreSQL,
    /// identity from the "Orleans" section.
    /// </summary>
    public static IHostApplicationBuilder UseInstagramClient(this IHostApplicationBuilder builder, Action<IClientBuilder>? configure = null)
    {
        var options = OrleansHostOptions.From(builder.Configuration);
        var postgres = ClusterConnections.PostgresFrom(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            client.UsePostgresClustering(postgres);
            client.UseClusterTlsWhenConfigured(builder.Configuration);
            client.Services.CacheGrainInterfaceTypes();
            client.AddActivityPropagation();
            configure?.Invoke(client);
        });
        return builder;
    }
}
