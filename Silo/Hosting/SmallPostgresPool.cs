using Npgsql;

namespace Instagram.Silo.Hosting;

/// <summary>
/// A connection pool for one of the silo's own read models, capped so that it never starves the Orleans providers
/// that share the same PostgreSQL server, and named so its connections can be told apart in pg_stat_activity.
/// </summary>
public static class SmallPostgresPool
{
    public static NpgsqlDataSource Create(string connectionString, string applicationName, int maxPoolSize)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= applicationName;
        builder.ConnectionStringBuilder.MaxPoolSize = Math.Min(builder.ConnectionStringBuilder.MaxPoolSize, maxPoolSize);
        builder.ConnectionStringBuilder.MinPoolSize = Math.Min(builder.ConnectionStringBuilder.MinPoolSize, maxPoolSize);
        return builder.Build();
    }
}
