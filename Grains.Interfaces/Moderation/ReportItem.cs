namespace Instagram.Grains.Moderation;

/// <summary>
/// One queue item: every open report of one target, grouped. <paramref name="Reasons"/> are the distinct reasons given
/// (the first <see cref="MaxReasons"/>); <paramref name="ReportCount"/> counts distinct reporters.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Moderation.ReportItem")]
public sealed record ReportItem(
    [property: Id(0)] long Id,
    [property: Id(1)] ReportTarget Target,
    [property: Id(2)] IReadOnlyList<string> Reasons,
    [property: Id(3)] long ReportCount,
    [property: Id(4)] ReportStatus Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] AdminAction? Resolution)
{
    /// <summary>How many distinct reasons an item keeps; later reporters still count.</summary>
    public const int MaxReasons = 20;
}
