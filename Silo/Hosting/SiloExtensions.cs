using Instagram.Grains;
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
                default:
                    throw new NotSupportedException(
                        $"Orleans:Profile={options.Profile} is not built yet; this build runs the Embedded profile only.");
            }

            silo.AddInstagramGrains();
        });
        return builder;
    }
}
