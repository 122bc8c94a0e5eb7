namespace Instagram.Silo.Streaming.EventHubs;

/// <summary>
/// The body of one Event Hubs event: the events of one <c>QueueMessageBatchAsync</c> call and the producer's request
/// context (the trace context rides here), written with the Orleans serializer like our Redis entries. Our own type
/// rather than Orleans' (internal) body, so our batch container can read it.
/// </summary>
[GenerateSerializer]
[Alias("Instagram.Silo.Streaming.EventHubs.EventHubsPayload")]
internal sealed record EventHubsPayload(
    [property: Id(0)] List<object> Events,
    [property: Id(1)] Dictionary<string, object>? RequestContext);
