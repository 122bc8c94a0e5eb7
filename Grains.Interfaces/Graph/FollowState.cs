namespace Instagram.Grains.Graph;

[GenerateSerializer, Alias("Instagram.Grains.Graph.FollowState")]
public enum FollowState
{
    None,
    Following,
    Requested,
}
