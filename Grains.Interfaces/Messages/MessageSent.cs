namespace Instagram.Grains.Messages;

/// <summary>The stored message; <see cref="Created"/> is false when the clientMessageId was already used (nothing new stored).</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Messages.MessageSent")]
public sealed record MessageSent(
    [property: Id(0)] MessageView Message,
    [property: Id(1)] bool Created);
