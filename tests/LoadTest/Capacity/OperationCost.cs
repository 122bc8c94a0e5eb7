namespace Instagram.LoadTest.Capacity;

/// <summary>
/// What one user action costs, per action, as far as it was measured: silo CPU, PostgreSQL CPU and row writes, Redis
/// CPU and commands, and the bytes it adds to storage. Null = not measured (the model then says so rather than guess).
/// </summary>
public sealed record OperationCost(string Operation)
{
    public Sourced? SiloCoreSeconds { get; init; }

    public Sourced? PostgresCoreSeconds { get; init; }

    /// <summary>Rows inserted, updated or deleted (pg_stat_database) per action.</summary>
    public Sourced? PostgresRowWrites { get; init; }

    public Sourced? RedisCoreSeconds { get; init; }

    public Sourced? RedisCommands { get; init; }

    /// <summary>Bytes the action adds to PostgreSQL for good (rows inserted × bytes per row, or a state record's growth).</summary>
    public Sourced? StoredBytes { get; init; }
}
