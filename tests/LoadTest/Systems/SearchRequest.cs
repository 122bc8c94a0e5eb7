namespace Instagram.LoadTest.Systems;

/// <summary>The four searches of the API: posts by caption text or by hashtag, users, hashtags.</summary>
public enum SearchKind
{
    PostsByText,
    PostsByHashtag,
    Users,
    Hashtags,
}

/// <summary>One search as a viewer makes it; <see cref="Query"/> is what goes into <c>q</c> (or <c>hashtag</c>).</summary>
public sealed record SearchRequest(SearchKind Kind, string Query, int Limit);
