using StackExchange.Redis;

namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// The one multiplexer of a provider, shared by its adapter and all its receivers. It connects on first use
/// rather than at construction, so a silo whose Redis is briefly down still starts, and a failed connect is
/// tried again on the next use instead of being cached.
/// </summary>
internal sealed class RedisStreamsConnection(string connectionString, string clientName) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private volatile ConnectionMultiplexer? _multiplexer;
    private bool _disposed;

    public async ValueTask<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        var multiplexer = _multiplexer;
        if (multiplexer is not null)
        {
            return multiplexer.GetDatabase();
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_multiplexer is null)
            {
                var configuration = ConfigurationOptions.Parse(connectionString);
                // Named after the provider (unless the string names the client) so CLIENT LIST shows who holds a connection.
                if (configuration.ClientName == new ConfigurationOptions().ClientName)
                {
                    configuration.ClientName = clientName;
                }

                // Not cancelled: an abandoned connect would leave a multiplexer nobody disposes. The
                // configuration's connectTimeout bounds it instead.
                _multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
            }

            return _multiplexer.GetDatabase();
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        var multiplexer = Detach();
        if (multiplexer is not null)
        {
            await multiplexer.CloseAsync();
            await multiplexer.DisposeAsync();
        }
    }

    public void Dispose() => Detach()?.Dispose();

    private ConnectionMultiplexer? Detach()
    {
        _connectLock.Wait();
        try
        {
            _disposed = true;
            var multiplexer = _multiplexer;
            _multiplexer = null;
            return multiplexer;
        }
        finally
        {
            _connectLock.Release();
        }
    }
}
