using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Instagram.Infra.Tests.Infrastructure;
using Npgsql;

namespace Instagram.Infra.Tests.Database;

/// <summary>
/// infra/sql/007-app-role.sql: the role the silos and the Api connect as may read and write rows, use the sequences and
/// call the Orleans functions, and nothing else. Checked on the text, and for real on the local PostgreSQL of
/// infra/local/services.sh (ConnectionStrings__Postgres, the database owner, which has CREATEROLE like Azure's
/// administrator): the file is applied the way the schema job applies it, under a throwaway role name.
/// </summary>
[Trait("Category", "Services")]
public sealed partial class AppRoleTests
{
    private static readonly string RoleFile = Path.Combine(Repo.Sql, "007-app-role.sql");

    [Fact]
    public void RoleFileGrantsOnlyRowSequenceAndFunctionRights()
    {
        Assert.True(File.Exists(RoleFile), "infra/sql/007-app-role.sql is missing");
        var sql = LineComment().Replace(File.ReadAllText(RoleFile), "");

        // Created without any power, and never given one later.
        Assert.Matches(@"CREATE ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS", sql);
        Assert.DoesNotMatch(new Regex(@"(?<!NO)\b(SUPERUSER|CREATEDB|CREATEROLE|REPLICATION|BYPASSRLS)\b", RegexOptions.IgnoreCase), sql);
        Assert.DoesNotMatch(new Regex(@"\bOWNER\s+TO\b|\bWITH\s+(GRANT|ADMIN)\s+OPTION\b|\bGRANT\s+ALL\b|\bSECURITY\s+DEFINER\b", RegexOptions.IgnoreCase), sql);

        // Every GRANT (also those built with format()) grants row, sequence, function or connect rights on something:
        // no role membership (GRANT x TO y without ON), no TRUNCATE/REFERENCES/TRIGGER/CREATE/TEMPORARY.
        var grants = Regex.Matches(sql, @"\bGRANT\b(?<privileges>[^;']*?)(?:\bON\b|\bTO\b)", RegexOptions.IgnoreCase).ToList();
        Assert.NotEmpty(grants);
        Assert.All(grants, grant => Assert.EndsWith("ON", grant.Value.TrimEnd(), StringComparison.OrdinalIgnoreCase));
        string[] allowed = ["SELECT", "INSERT", "UPDATE", "DELETE", "USAGE", "EXECUTE", "CONNECT"];
        var privileges = grants.SelectMany(g => g.Groups["privileges"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.All(privileges, privilege => Assert.Contains(privilege.ToUpperInvariant(), allowed));

        Assert.Matches(@"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :""app_role"";", sql);
        Assert.Matches(@"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :""app_role"";", sql);
        Assert.Matches(@"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :""app_role"";", sql);
        Assert.Matches(@"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :""app_role"";", sql);
        Assert.Matches(@"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO :""app_role"";", sql);

        // EXECUTE on every function the Orleans ADO.NET providers call (each one defined in infra/sql).
        var executeGrant = Regex.Match(sql, @"GRANT EXECUTE ON FUNCTION(?<names>[^;]*)TO", RegexOptions.Singleline).Groups["names"].Value;
        var granted = executeGrant.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var defined = Directory.GetFiles(Repo.Sql, "*.sql")
            .SelectMany(file => FunctionDefinition().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value))
            .ToList();
        Assert.NotEmpty(defined);
        Assert.All(defined, name => Assert.Contains(name, granted));

        // The password comes from the environment (the schema job's Key Vault secret), never from the file.
        Assert.Contains(@"\getenv app_password APP_DB_PASSWORD", sql, StringComparison.Ordinal);
        Assert.Contains(@"\set app_role instagram_app", sql, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"PASSWORD\s+'", RegexOptions.IgnoreCase), sql);
    }

    [Fact]
    public void SchemaScriptRefusesToRunWithoutTheAppPassword()
    {
        var script = File.ReadAllText(Path.Combine(Repo.Kubernetes, "base", "apply-schema.sh"));

        Assert.Contains("if [ -z \"${APP_DB_PASSWORD:-}\" ]; then", script, StringComparison.Ordinal);
        Assert.Contains("export APP_DB_PASSWORD", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppRoleReadsAndWritesTheOrleansTablesButCannotChangeTheSchema()
    {
        var owner = LocalPostgres.Owner();
        await using (var check = new NpgsqlConnection(owner.ConnectionString))
        {
            await check.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user", check);
            Assert.True(
                (bool)(await command.ExecuteScalarAsync())!,
                "the local database owner needs CREATEROLE (like Azure's administrator): run 'bash infra/local/services.sh up' once");
        }

        // A role of its own, so that parallel runs and the real instagram_app never meet.
        var role = $"instagram_app_test_{Guid.NewGuid():N}";
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)) + ";\"'";
        try
        {
            // Twice: the file is idempotent, and a second run (re)sets the password.
            for (var run = 0; run < 2; run++)
            {
                var applied = await ApplyRoleFileAsync(owner, role, password);
                Assert.True(applied.ExitCode == 0 && applied.StandardError.Trim().Length == 0, applied.Output);
            }

            var app = new NpgsqlConnectionStringBuilder(owner.ConnectionString) { Username = role, Password = password, Pooling = false };
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync();

            Assert.Equal(
                (false, false, false, false, false, true),
                await ScalarRowAsync(connection, "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = current_user"));

            // Rows: grain state, written and read the way the ADO.NET provider's function does and directly.
            var serviceId = $"infra-tests-{Guid.NewGuid():N}";
            await ExecuteAsync(connection, """
                INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, version)
                VALUES (1, 2, 3, 4, 'infra-test', NULL, @service, '\x01'::bytea, 1)
                """, serviceId);
            Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT count(*) FROM orleansstorage WHERE serviceid = @service", serviceId));
            Assert.Equal(1, await ExecuteAsync(connection, "UPDATE orleansstorage SET version = 2 WHERE serviceid = @service", serviceId));
            Assert.Equal(1, await ExecuteAsync(connection, "DELETE FROM orleansstorage WHERE serviceid = @service", serviceId));
            Assert.Equal(1, await ScalarAsync<int>(connection, """
                SELECT newgrainstateversion FROM writetostorage(5, 6, 7, 8, 'infra-test', NULL, @service, NULL, '\x02'::bytea)
                """, serviceId));
            Assert.Equal(1, await ExecuteAsync(connection, "DELETE FROM orleansstorage WHERE serviceid = @service", serviceId));

            // The search index's sequence and its rebuild lock.
            Assert.True(await ScalarAsync<long>(connection, "SELECT nextval('search_stamp')", null) > 0);
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await ExecuteAsync(connection, "LOCK TABLE search_users, search_posts, search_hashtags IN SHARE ROW EXCLUSIVE MODE", null);
                await transaction.RollbackAsync();
            }

            // The schema is not the app's: each attempt in a transaction that is rolled back anyway.
            await AssertDeniedAsync(connection, $"CREATE TABLE infra_test_{Guid.NewGuid():N} (id int)");
            await AssertDeniedAsync(connection, "DROP TABLE orleansstorage");
            await AssertDeniedAsync(connection, "ALTER TABLE orleansstorage ADD COLUMN infra_test int");
            await AssertDeniedAsync(connection, "TRUNCATE orleansstorage");
            await AssertDeniedAsync(connection, "CREATE INDEX ON orleansstorage (version)");
            await AssertDeniedAsync(connection, $"CREATE SCHEMA infra_test_{Guid.NewGuid():N}");
            await AssertDeniedAsync(connection, "CREATE OR REPLACE FUNCTION writetostorage() RETURNS int LANGUAGE sql AS 'SELECT 1'");
        }
        finally
        {
            await DropRoleAsync(owner, role);
        }
    }

    private static async Task<ProcessResult> ApplyRoleFileAsync(NpgsqlConnectionStringBuilder owner, string role, string password)
    {
        // As apply-schema.sh does: psql as the owner, one transaction, stop on the first error.
        var environment = new Dictionary<string, string?>
        {
            ["PGHOST"] = owner.Host,
            ["PGPORT"] = owner.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = owner.Database,
            ["PGUSER"] = owner.Username,
            ["PGPASSWORD"] = owner.Password,
            ["PGOPTIONS"] = "-c client_min_messages=warning",
            ["APP_DB_ROLE"] = role,
            ["APP_DB_PASSWORD"] = password,
        };
        return await ProcessRunner.RunAsync(
            Psql(), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", RoleFile], Repo.Root, environment, TimeSpan.FromSeconds(60));
    }

    private static async Task DropRoleAsync(NpgsqlConnectionStringBuilder owner, string role)
    {
        await using var connection = new NpgsqlConnection(owner.ConnectionString);
        await connection.OpenAsync();
        var quoted = $"\"{role}\"";
        await ExecuteAsync(connection, $"""
            DO $$ BEGIN
                IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted};
                    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {quoted};
                    REVOKE ALL ON FUNCTION update_i_am_alive_time, insert_membership_version, insert_membership, update_membership,
                        writetostorage, upsert_reminder_row, delete_reminder_row FROM {quoted};
                    REVOKE ALL ON SCHEMA public FROM {quoted};
                    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM {quoted};
                    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM {quoted};
                    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON FUNCTIONS FROM {quoted};
                    EXECUTE format('REVOKE ALL ON DATABASE %I FROM %I', current_database(), '{role}');
                    DROP ROLE {quoted};
                END IF;
            END $$
            """, null);
    }

    private static async Task AssertDeniedAsync(NpgsqlConnection connection, string sql)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var denied = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql, null));
        Assert.True(denied.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {denied.SqlState} {denied.MessageText}");
        await transaction.RollbackAsync();
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, string? service)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (service is not null)
        {
            command.Parameters.AddWithValue("service", service);
        }

        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, string? service)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (service is not null)
        {
            command.Parameters.AddWithValue("service", service);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<(bool, bool, bool, bool, bool, bool)> ScalarRowAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5));
    }

    /// <summary>psql on PATH, else the newest /usr/lib/postgresql/*/bin/psql (where infra/local/services.sh finds it).</summary>
    private static string Psql() =>
        ProcessRunner.FindOnPath("psql")
        ?? (Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")).Where(File.Exists).OrderDescending().FirstOrDefault()
            : null)
        ?? throw new InvalidOperationException("psql is not installed (infra/local/services.sh installs PostgreSQL with it)");

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"CREATE\s+OR\s+REPLACE\s+FUNCTION\s+(?<name>\w+)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex FunctionDefinition();
}
