namespace Instagram.Grains.Messages;

/// <summary>A message to send: text, a media item the sender uploaded, or both; the client's id makes retries safe.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Messages.NewMessage")]
public sealed record NewMessage(
    [property: Id(0)] long SenderId,
    [property: Id(1)] string ClientMessageId,
    [property: Id(2)] string? Text,
    [property: Id(3)] long? MediaId);
