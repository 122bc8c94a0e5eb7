namespace Instagram.Grains.Graph;

[GenerateSerializer, Alias("Instagram.Grains.Graph.FollowRequestsState")]
public sealed class FollowRequestsState
{
    /// <summary>Requester → the order the request arrived in.</summary>
    [Id(0)] public Dictionary<long, long> Pending { get; set; } = [];
    [Id(1)] public long NextSequence { get; set; }
}
