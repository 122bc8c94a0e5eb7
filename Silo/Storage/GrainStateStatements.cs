using Npgsql;
using NpgsqlTypes;

namespace Instagram.Silo.Storage;

/// <summary>One grain-state write: the row's identity, the version the grain last saw, the serialized state.</summary>
internal sealed record GrainStateWrite(GrainStorageKey Key, string ServiceId, int? ExpectedVersion, byte[] Payload);

/// <summary>One grain-state read: the row's identity.</summary>
internal sealed record GrainStateRead(GrainStorageKey Key, string ServiceId);

/// <summary>A stored row: its payload (null once cleared) and version.</summary>
internal sealed record StoredGrainState(byte[]? Payload, int Version);

/// <summary>
/// The statements of the OrleansStorage table (infra/sql/003-orleans-persistence.sql), the same the ADO.NET provider
/// sends, as batch commands: a write through <c>writetostorage</c>, a read of one row by its identity columns.
/// </summary>
internal static class GrainStateStatements
{
    public static NpgsqlBatchCommand Write(GrainStateWrite write)
    {
        var command = new NpgsqlBatchCommand("SELECT newgrainstateversion FROM writetostorage($1, $2, $3, $4, $5, $6, $7, $8, $9)");
        AddIdentity(command, write.Key, write.ServiceId);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)write.ExpectedVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = write.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
        return command;
    }

    /// <summary>The version the function answered: the new one, or the one it was given when the row had moved on.</summary>
    public static async Task<int?> WrittenVersionAsync(NpgsqlDataReader reader) =>
        await reader.ReadAsync() && !await reader.IsDBNullAsync(0) ? reader.GetInt32(0) : null;

    public static NpgsqlBatchCommand Read(GrainStateRead read)
    {
        var command = new NpgsqlBatchCommand("""
            SELECT payloadbinary, version FROM orleansstorage
             WHERE grainidhash = $1 AND grainidn0 = $2 AND grainidn1 = $3 AND graintypehash = $4 AND graintypestring = $5
               AND grainidextensionstring IS NOT DISTINCT FROM $6 AND serviceid = $7
            """);
        AddIdentity(command, read.Key, read.ServiceId);
        return command;
    }

    public static async Task<StoredGrainState?> StoredStateAsync(NpgsqlDataReader reader) =>
        await reader.ReadAsync() && !await reader.IsDBNullAsync(1)
            ? new StoredGrainState(await reader.IsDBNullAsync(0) ? null : reader.GetFieldValue<byte[]>(0), reader.GetInt32(1))
            : null;

    // Parameters $1..$7 of both statements, in writetostorage's order.
    private static void AddIdentity(NpgsqlBatchCommand command, GrainStorageKey key, string serviceId)
    {
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = key.IdHash });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key.N0 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key.N1 });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = key.TypeHash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.TypeName, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)key.Extension ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId, NpgsqlDbType = NpgsqlDbType.Varchar });
    }
}
