namespace Instagram.Api.Realtime;

/// <summary>Restates this instance's hub connections to their registries every heartbeat interval.</summary>
public sealed class RealtimeRestateService(RealtimeConnections connections, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(connections.RestateInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await connections.RestateAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
