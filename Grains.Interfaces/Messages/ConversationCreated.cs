namespace Instagram.Grains.Messages;

/// <summary>The conversation asked for; <see cref="Created"/> is false when an existing 1:1 was returned.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Messages.ConversationCreated")]
public sealed record ConversationCreated(
    [property: Id(0)] ConversationDetails Conversation,
    [property: Id(1)] bool Created);
