namespace Instagram.Grains.Messages;

/// <summary>
/// A fixed-size page of the entries an inbox moved out of its recent set, in the order it moved them (key =
/// <see cref="MessageKeys.ArchivePage"/>). Entries are never edited: one that later activity made stale is skipped on read.
/// </summary>
[Alias("Instagram.Grains.Messages.IInboxArchivePageGrain")]
public interface IInboxArchivePageGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="entry"/> at <paramref name="index"/> within the page (a repeated store overwrites it).</summary>
    [Alias("PutAsync")] Task PutAsync(int index, InboxEntry entry);

    /// <summary>The page's entries, in the order they were archived.</summary>
    [ReadOnly, Alias("GetAllAsync")] Task<InboxEntry[]> GetAllAsync();
}
