namespace Instagram.Api.Infrastructure.RateLimiting;

/// <summary>Names of the rate limit policies endpoints opt into.</summary>
public static class RateLimitPolicies
{
    public const string Posts = "posts";
    public const string Likes = "likes";
    public const string Comments = "comments";
    public const string Follows = "follows";
    public const string Stories = "stories";
    public const string Search = "search";
    public const string Feed = "feed";

    public static readonly string[] All = [Posts, Likes, Comments, Follows, Stories, Search, Feed];
}
