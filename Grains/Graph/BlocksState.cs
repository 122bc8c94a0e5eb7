namespace Instagram.Grains.Graph;

[GenerateSerializer, Alias("Instagram.Grains.Graph.BlocksState")]
public sealed class BlocksState
{
    [Id(2)] public OrderedIds Blocking { get; set; } = new();

    /// <summary>
    /// Whom the user blocked, as stored before the blocked list was shown newest first (an unordered set). Read once on
    /// activation into <see cref="Blocking"/> and then cleared, so blocks made before the change still hold.
    /// </summary>
    [Id(0)] public HashSet<long>? LegacyBlocking { get; set; }
    [Id(1)] public HashSet<long> BlockedBy { get; set; } = [];
}
