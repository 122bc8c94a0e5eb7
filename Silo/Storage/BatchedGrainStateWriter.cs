using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Instagram.Silo.Storage;

/// <summary>
/// Sends the grain-state writes that queue up while earlier ones are in flight as one batch: one round trip and one
/// transaction (one commit, one WAL flush) for up to <see cref="MaxBatch"/> writes, each still the same
/// <c>writetostorage</c> call with its own version check. A lone write goes at once, so a quiet silo waits for
/// nothing; under load the per-write cost of the statement, the round trip and the commit is shared.
/// </summary>
internal sealed partial class BatchedGrainStateWriter : IAsyncDisposable
{
    public const int MaxBatch = 64;
    private const int Writers = 4; // batches in flight at once; more only adds lock contention on a small server

    private readonly NpgsqlDataSource _database;
    private readonly ILogger _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _writers;

    public BatchedGrainStateWriter(NpgsqlDataSource database, ILogger logger)
    {
        _database = database;
        _logger = logger;
        _writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteBatchesAsync))];
    }

    /// <summary>Writes one state row; returns the version the function answered (unchanged when the ETag was stale).</summary>
    public Task<int?> WriteAsync(GrainStorageKey key, string serviceId, int? expectedVersion, byte[] payload)
    {
        var write = new PendingWrite(key, serviceId, expectedVersion, payload);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(BatchedGrainStateWriter));
        }

        return write.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        try
        {
            var versions = await ExecuteAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(versions[i]);
            }
        }
        catch (PostgresException ex) when (batch.Count > 1)
        {
            // One statement failed and the transaction took the others with it: give each its own answer.
            LogBatchRetried(_logger, batch.Count, ex.SqlState);
            foreach (var write in batch)
            {
                await WriteBatchAsync([write]);
            }
        }
        catch (Exception ex)
        {
            foreach (var write in batch)
            {
                write.Done.TrySetException(ex);
            }
        }
    }

    private async Task<int?[]> ExecuteAsync(List<PendingWrite> writes)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var write in writes)
        {
            var command = new NpgsqlBatchCommand("SELECT newgrainstateversion FROM writetostorage($1, $2, $3, $4, $5, $6, $7, $8, $9)");
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = write.Key.IdHash });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = write.Key.N0 });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = write.Key.N1 });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = write.Key.TypeHash });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Key.TypeName, NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)write.Key.Extension ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.ServiceId, NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)write.ExpectedVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = write.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(command);
        }

        var versions = new int?[writes.Count];
        await using var reader = await batch.ExecuteReaderAsync();
        for (var i = 0; i < writes.Count; i++)
        {
            if (await reader.ReadAsync())
            {
                versions[i] = await reader.IsDBNullAsync(0) ? null : reader.GetInt32(0);
            }

            await reader.NextResultAsync();
        }

        return versions;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} grain-state writes failed ({SqlState}); writing them one by one")]
    private static partial void LogBatchRetried(ILogger logger, int count, string sqlState);

    private sealed record PendingWrite(GrainStorageKey Key, string ServiceId, int? ExpectedVersion, byte[] Payload)
    {
        public TaskCompletionSource<int?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
