namespace Instagram.Grains.Messages;

/// <summary>One inbox's record: the recent conversations of each folder (bounded) and how many each folder archived.</summary>
[GenerateSerializer, Alias("Instagram.Grains.Messages.InboxState")]
public sealed class InboxState
{
    [Id(0)] public List<InboxEntry> Inbox { get; set; } = [];

    [Id(1)] public List<InboxEntry> Requests { get; set; } = [];

    [Id(2)] public long InboxArchived { get; set; }

    [Id(3)] public long RequestsArchived { get; set; }
}
