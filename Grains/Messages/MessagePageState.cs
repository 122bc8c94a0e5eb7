namespace Instagram.Grains.Messages;

[GenerateSerializer, Alias("Instagram.Grains.Messages.MessagePageState")]
public sealed class MessagePageState
{
    /// <summary>Ascending by seq, without gaps.</summary>
    [Id(0)] public List<MessageView> Messages { get; set; } = [];
}
