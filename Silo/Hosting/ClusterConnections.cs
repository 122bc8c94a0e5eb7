using Instagram.ServiceDefaults;

namespace Instagram.Silo.Hosting;

/// <summary>
/// The Cluster profile's backing services, read from <c>ConnectionStrings:*</c>. Each is required: a missing one ends
/// start-up (exit code 2) rather than fall back to something one process alone would see.
/// </summary>
public sealed record ClusterConnections(string Postgres, string Redis, string Blobs)
{
    /// <summary>The ADO.NET invariant Orleans uses to load the PostgreSQL driver.</summary>
    public const string PostgresInvariant = "Npgsql";

    public static ClusterConnections From(IConfiguration configuration) => new(
        PostgresFrom(configuration),
        RedisFrom(configuration),
        Required(configuration, "Blobs"));

    /// <summary>Only the membership database: a bare cluster client (load tester, admin commands) stores no media.</summary>
    public static string PostgresFrom(IConfiguration configuration) =>
        PostgresConnectionTuning.Apply(Required(configuration, "Postgres"));

    /// <summary>Redis alone: what a cluster client producing onto Redis Streams needs besides membership.</summary>
    public static string RedisFrom(IConfiguration configuration) => Required(configuration, "Redis");

    private static string Required(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new MissingSettingException(
                $"Orleans:Profile=Cluster needs ConnectionStrings:{name} (env ConnectionStrings__{name}); " +
                "infra/local/services.sh up prints the local values.");
}
