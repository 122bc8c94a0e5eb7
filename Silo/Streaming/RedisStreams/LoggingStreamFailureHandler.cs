using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// Keeps subscriptions alive when a consumer keeps failing (the pulling agent then skips the event), but leaves
/// a trace: a skipped event is never acknowledged in Redis, so it stays pending and is delivered again only when
/// the queue's reader restarts.
/// </summary>
internal sealed partial class LoggingStreamFailureHandler(ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogDeliveryFailure(streamProviderName, streamIdentity, subscriptionId, sequenceToken);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailure(streamProviderName, streamIdentity, subscriptionId, sequenceToken);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stream provider {Provider} gave up delivering {Token} of stream {StreamId} to subscription {SubscriptionId}.")]
    private partial void LogDeliveryFailure(string provider, StreamId streamId, GuidId subscriptionId, StreamSequenceToken? token);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stream provider {Provider} could not set up subscription {SubscriptionId} on stream {StreamId} at {Token}.")]
    private partial void LogSubscriptionFailure(string provider, StreamId streamId, GuidId subscriptionId, StreamSequenceToken? token);
}
