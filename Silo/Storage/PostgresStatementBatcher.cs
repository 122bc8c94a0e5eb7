using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Instagram.Silo.Storage;

/// <summary>
/// Sends the statements that queue up while earlier ones are in flight as one <see cref="NpgsqlBatch"/>: one round trip
/// and one transaction for up to <see cref="MaxBatch"/> of them, each with its own result. A lone statement goes at
/// once, so a quiet silo waits for nothing; under load the round trip and the commit are shared. When PostgreSQL
/// refuses one statement the transaction takes the others with it, so each is then sent alone for its own answer.
/// </summary>
internal sealed partial class PostgresStatementBatcher<TItem, TResult> : IAsyncDisposable
{
    public const int MaxBatch = 64;
    private const int Senders = 4; // batches in flight at once; more only adds lock contention on a small server

    private readonly NpgsqlDataSource _database;
    private readonly Func<TItem, NpgsqlBatchCommand> _command;
    private readonly Func<NpgsqlDataReader, Task<TResult>> _result;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Task[] _senders;

    /// <param name="result">Reads one statement's answer; the reader is positioned on that statement's result set.</param>
    public PostgresStatementBatcher(NpgsqlDataSource database, Func<TItem, NpgsqlBatchCommand> command, Func<NpgsqlDataReader, Task<TResult>> result, ILogger logger)
    {
        _database = database;
        _command = command;
        _result = result;
        _logger = logger;
        _senders = [.. Enumerable.Range(0, Senders).Select(_ => Task.Run(SendBatchesAsync))];
    }

    public Task<TResult> RunAsync(TItem item)
    {
        var pending = new Pending(item);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(GetType().Name);
        }

        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_senders);
        await _database.DisposeAsync();
    }

    private async Task SendBatchesAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count > 0)
            {
                await SendAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        try
        {
            var results = await ExecuteAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (PostgresException ex) when (batch.Count > 1)
        {
            LogBatchRetried(_logger, batch.Count, ex.SqlState);
            foreach (var pending in batch)
            {
                await SendAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(ex);
            }
        }
    }

    private async Task<TResult[]> ExecuteAsync(List<Pending> items)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var item in items)
        {
            batch.BatchCommands.Add(_command(item.Item));
        }

        var results = new TResult[items.Count];
        await using var reader = await batch.ExecuteReaderAsync();
        for (var i = 0; i < items.Count; i++)
        {
            results[i] = await _result(reader);
            await reader.NextResultAsync();
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} statements failed ({SqlState}); sending them one by one")]
    private static partial void LogBatchRetried(ILogger logger, int count, string sqlState);

    private sealed record Pending(TItem Item)
    {
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
