namespace Instagram.Grains.Lists;

/// <summary>
/// What the shared paging code needs of an edge, whatever list it belongs to: the item it points at (at most one edge
/// per item and page) and its position in the list.
/// </summary>
public interface IListEdge
{
    long ItemId { get; }

    long Sequence { get; }
}
