using Instagram.Grains.Search;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Instagram.Silo.Search;

public static class SearchRegistration
{
    /// <summary>
    /// Embedded profile: the index lives in memory in one grain (<see cref="IInMemorySearchIndexGrain"/>), shared by
    /// every silo of the cluster; the rebuild walks a user directory grain fed by user events.
    /// </summary>
    public static ISiloBuilder AddInMemorySearchIndex(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton<ISearchIndex, GrainSearchIndex>();
        silo.Services.TryAddSingleton<IUserDirectory, GrainUserDirectory>();
        return silo;
    }

    /// <summary>
    /// Cluster profile: the index lives in the cluster's PostgreSQL database (schema infra/sql/005-search.sql),
    /// scoped by the Orleans ServiceId; the rebuild lists users from the grain state table.
    /// </summary>
    public static ISiloBuilder AddPostgresSearchIndex(this ISiloBuilder silo, string connectionString)
    {
        silo.Services.TryAddSingleton(sp => new SearchDatabase(
            connectionString, sp.GetRequiredService<IOptions<ClusterOptions>>(), sp.GetRequiredService<ILogger<SearchDatabase>>()));
        silo.Services.TryAddSingleton<ISearchIndex, PostgresSearchIndex>();
        silo.Services.TryAddSingleton<IUserDirectory, OrleansStorageUserDirectory>();
        return silo;
    }
}
