using Npgsql;

namespace Instagram.Infra.Tests.Infrastructure;

/// <summary>The local PostgreSQL of infra/local/services.sh, as the database owner the schema scripts ran as.</summary>
public static class LocalPostgres
{
    public static NpgsqlConnectionStringBuilder Owner() =>
        new(Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
            ?? throw new InvalidOperationException(
                "ConnectionStrings__Postgres is not set. Run the suite with 'bash tests/run.sh', which starts the services, "
                + "or export the lines of 'bash infra/local/services.sh up'."))
        { Pooling = false };
}
