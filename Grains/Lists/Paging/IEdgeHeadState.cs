namespace Instagram.Grains.Lists.Paging;

/// <summary>The part of a list's head record that <see cref="EdgeHead{TState}"/> keeps: numbering and page sizes.</summary>
public interface IEdgeHeadState
{
    /// <summary>The number the next edge gets; edge n lives on page n / page size.</summary>
    long NextSequence { get; set; }

    /// <summary>The sum of <see cref="PageSizes"/>.</summary>
    long Count { get; set; }

    /// <summary>Each page's size as the page last reported it.</summary>
    Dictionary<long, int> PageSizes { get; }

    /// <summary>
    /// True when the record was written by a deactivation that had every change: its sizes can be trusted as they are.
    /// False while an activation may still hold changes only in memory (and for records older than the flag): the next
    /// activation asks the pages.
    /// </summary>
    bool Settled { get; set; }
}
