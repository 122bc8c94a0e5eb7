namespace Instagram.Grains.Graph;

/// <summary>
/// How to distribute an author's post. A celebrity's posts are pulled by readers; anyone else's are pushed to
/// each follower page from 0 to <see cref="PageCount"/> - 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Graph.FanOutPlan")]
public sealed record FanOutPlan(
    [property: Id(0)] bool IsCelebrity,
    [property: Id(1)] int PageCount);
