namespace Instagram.Grains.Messages;

[GenerateSerializer, Alias("Instagram.Grains.Messages.ConversationPairState")]
public sealed class ConversationPairState
{
    [Id(0)] public long ConversationId { get; set; }
}
