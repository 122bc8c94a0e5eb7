namespace Instagram.Grains.Messages;

/// <summary>
/// Which messages to read: seq &gt; <see cref="AfterSeq"/> and seq &lt; <see cref="BeforeSeq"/> (each optional).
/// With <see cref="AfterSeq"/> the page starts just after it and moves forward; without it the page ends just before
/// <see cref="BeforeSeq"/> (or at the newest message) and the next page is the older one. Either way the page is ascending.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Messages.MessageQuery")]
public sealed record MessageQuery(
    [property: Id(0)] long? AfterSeq,
    [property: Id(1)] long? BeforeSeq,
    [property: Id(2)] int Limit)
{
    public bool Forward => AfterSeq is not null;
}
