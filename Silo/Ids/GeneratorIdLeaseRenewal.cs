using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Instagram.Silo.Ids;

/// <summary>Renews the process's generator id lease until shutdown (disposing the lease releases it).</summary>
public sealed partial class GeneratorIdLeaseRenewal(GeneratorIdLease lease, TimeProvider time, ILogger<GeneratorIdLeaseRenewal> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(lease.RenewEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await lease.RenewAsync();
                }
                catch (Exception ex) when (ex is RedisException or InvalidOperationException)
                {
                    // Keep trying: minting stops by itself when the lease lapses, and resumes on the next renewal.
                    LogRenewalFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the generator id lease")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);
}
