namespace Instagram.Grains.Lists;

/// <summary>Names and keys of the edge lists.</summary>
public static class EdgeLists
{
    public const int PageSize = 2_000;

    public const string Likes = "likes";
    public const string Comments = "comments";
    public const string StoryViewers = "story-viewers";
    public const string HashtagPosts = "hashtag-posts";

    public static string Key(string list, long ownerId) => $"{list}:{ownerId}";

    public static string Key(string list, string owner) => $"{list}:{owner}";

    public static string PageKey(string listKey, long page) => $"{listKey}:{page}";

    /// <summary>Whether <paramref name="listKey"/> is a post's likes or comments list, whose size the post shows.</summary>
    public static bool TryParsePostCounter(string listKey, out string list, out long postId)
    {
        var colon = listKey.IndexOf(':', StringComparison.Ordinal);
        list = colon > 0 ? listKey[..colon] : "";
        postId = 0;
        return list is Likes or Comments && long.TryParse(listKey.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out postId);
    }
}
