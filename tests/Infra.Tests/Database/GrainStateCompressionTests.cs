using Instagram.Infra.Tests.Infrastructure;
using Npgsql;

namespace Instagram.Infra.Tests.Database;

/// <summary>
/// infra/sql/003-orleans-persistence.sql stores grain states compressed with lz4 (cheaper for the server on every
/// rewrite of a graph page or notification list than the default pglz), on the local PostgreSQL the scripts were applied to.
/// </summary>
[Trait("Category", "Services")]
public sealed class GrainStateCompressionTests
{
    [Fact]
    public async Task ALargeGrainStateWrittenThroughTheStorageFunctionIsStoredWithLz4()
    {
        await using var connection = new NpgsqlConnection(LocalPostgres.Owner().ConnectionString);
        await connection.OpenAsync();
        var serviceId = $"compression-{Guid.NewGuid():N}";
        var payload = Enumerable.Range(0, 4_000).SelectMany(i => BitConverter.GetBytes((long)i)).ToArray(); // 32 KB, compressible

        try
        {
            await using (var write = new NpgsqlCommand("SELECT newgrainstateversion FROM writetostorage(1, 2, 3, 4, 'compressionTest', NULL, $1, NULL, $2)", connection))
            {
                write.Parameters.AddWithValue(serviceId);
                write.Parameters.AddWithValue(payload);
                Assert.Equal(1, await write.ExecuteScalarAsync());
            }

            await using var read = new NpgsqlCommand(
                "SELECT pg_column_compression(payloadbinary), payloadbinary FROM orleansstorage WHERE serviceid = $1", connection);
            read.Parameters.AddWithValue(serviceId);
            await using var reader = await read.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("lz4", reader.GetString(0));
            Assert.Equal(payload, reader.GetFieldValue<byte[]>(1));
        }
        finally
        {
            await using var delete = new NpgsqlCommand("DELETE FROM orleansstorage WHERE serviceid = $1", connection);
            delete.Parameters.AddWithValue(serviceId);
            await delete.ExecuteNonQueryAsync();
        }
    }
}
