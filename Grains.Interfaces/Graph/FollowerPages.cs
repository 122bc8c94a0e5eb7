namespace Instagram.Grains.Graph;

/// <summary>
/// The layout of a follower list: edge number n lives on page n / <see cref="PageSize"/>. Changing the page size
/// would move every stored edge, so it is a constant, not an option.
/// </summary>
public static class FollowerPages
{
    public const int PageSize = 2_000;

    public static long PageOf(long sequence) => sequence / PageSize;

    public static string Key(long userId, long page) => $"{userId}:{page}";

    public static (long UserId, long Page) ParseKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return (long.Parse(key.AsSpan(0, colon)), long.Parse(key.AsSpan(colon + 1)));
    }
}
