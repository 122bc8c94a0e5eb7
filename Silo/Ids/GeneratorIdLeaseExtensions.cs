using Instagram.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Instagram.Silo.Ids;

public static class GeneratorIdLeaseExtensions
{
    /// <summary>
    /// On the Cluster profile, a process without <c>Ids:GeneratorId</c> leases one in Redis (see
    /// <see cref="GeneratorIdLease"/>) instead of drawing a random one that another process may also draw.
    /// Registers the <see cref="IdGenerator"/>, so call it before <c>AddIdGenerator</c>.
    /// </summary>
    public static IServiceCollection AddLeasedIdGeneratorWhenUnconfigured(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(IdOptions.SectionName);
        if (section[nameof(IdOptions.GeneratorId)] is { Length: > 0 })
        {
            return services;
        }

        var redis = ClusterConnections.From(configuration).Redis;
        var serviceId = OrleansHostOptions.From(configuration).ServiceId;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => GeneratorIdLease.Acquire(
            ConnectionMultiplexer.Connect(redis), // its own connection: the lease must outlive every other user of Redis
            serviceId,
            sp.GetRequiredService<IOptions<IdOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GeneratorIdLease>>()));
        services.AddSingleton(sp => sp.GetRequiredService<GeneratorIdLease>().Generator);
        services.AddHostedService<GeneratorIdLeaseRenewal>();
        return services;
    }
}
