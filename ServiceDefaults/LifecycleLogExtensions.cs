using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Instagram.ServiceDefaults;

public static class LifecycleLogExtensions
{
    /// <summary>Logs the start, readiness and stop of this process, described by <paramref name="description"/> (profile, ports, cluster).</summary>
    public static IHostApplicationBuilder AddLifecycleLog(this IHostApplicationBuilder builder, string process, string description)
    {
        // First among the hosted services, so "starting" comes before theirs.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(services => new LifecycleLog(
            process, description, services.GetRequiredService<IHostApplicationLifetime>(), services.GetRequiredService<ILogger<LifecycleLog>>())));
        return builder;
    }
}
