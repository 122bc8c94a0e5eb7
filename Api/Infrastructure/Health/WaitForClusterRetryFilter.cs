namespace Instagram.Api.Infrastructure.Health;

/// <summary>
/// The Api's cluster client keeps trying to reach a silo instead of giving up, one line in the log when it starts
/// waiting and one when a try fails for a new reason, so an Api started before its silos simply waits for them (and
/// answers /health/live meanwhile, /health/ready unhealthy).
/// </summary>
internal sealed partial class WaitForClusterRetryFilter(ILogger<WaitForClusterRetryFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private string? _lastReason;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var reason = exception.GetType().Name;
        if (reason != _lastReason)
        {
            _lastReason = reason;
            LogWaiting(reason, exception.Message, RetryDelay.TotalSeconds);
        }

        await Task.Delay(RetryDelay, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo of the cluster answers yet ({Reason}: {Detail}); trying again every {Seconds} s")]
    private partial void LogWaiting(string reason, string detail, double seconds);
}
