using Instagram.Api.Auth;
using Instagram.Silo.Hosting;
using StackExchange.Redis;

namespace Instagram.Api.Infrastructure.SharedState;

public static class SharedStateExtensions
{
    /// <summary>
    /// What several Api instances must agree on — revoked sessions, idempotency records, rate-limit counters, login backoff —
    /// in-process for the Embedded profile (one instance) and in Redis for the Cluster profile.
    /// </summary>
    public static IServiceCollection AddSharedState(this IServiceCollection services, OrleansProfile profile, IConfiguration configuration)
    {
        services.AddSingleton<Idempotency>();
        if (profile == OrleansProfile.Embedded)
        {
            services.AddSingleton<ITokenRevocationList, InMemoryTokenRevocationList>();
            services.AddSingleton<IIdempotencyStore, InMemoryIdempotencyStore>();
            services.AddSingleton<ILoginBackoff, InMemoryLoginBackoff>();
            return services;
        }

        var redis = ClusterConnections.From(configuration).Redis;
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        services.AddSingleton<ITokenRevocationList, RedisTokenRevocationList>();
        services.AddSingleton<IIdempotencyStore, RedisIdempotencyStore>();
        services.AddSingleton<ILoginBackoff, RedisLoginBackoff>();
        return services;
    }
}
