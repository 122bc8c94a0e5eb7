namespace Instagram.Grains.Messages;

/// <summary>Where a conversation sits for one participant: <see cref="Requests"/> holds those started by someone they do not follow until they accept.</summary>
[GenerateSerializer, Alias("Instagram.Grains.Messages.InboxFolder")]
public enum InboxFolder
{
    Inbox = 0,
    Requests = 1,
}
