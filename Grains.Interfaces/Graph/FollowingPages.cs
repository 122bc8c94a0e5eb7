namespace Instagram.Grains.Graph;

/// <summary>
/// The layout of a following list: follow number n lives on page n / <see cref="PageSize"/>. Smaller than a follower
/// page because a follow rewrites its whole page, and the list is capped at <see cref="IFollowingGrain.MaxFollowing"/>
/// anyway. Changing it would move every stored edge, so it is a constant, not an option.
/// </summary>
public static class FollowingPages
{
    public const int PageSize = 500;

    public static string Key(long userId, long page) => $"{userId}:{page}";
}
