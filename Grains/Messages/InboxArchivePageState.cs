namespace Instagram.Grains.Messages;

[GenerateSerializer, Alias("Instagram.Grains.Messages.InboxArchivePageState")]
public sealed class InboxArchivePageState
{
    [Id(0)] public List<InboxEntry> Entries { get; set; } = [];
}
