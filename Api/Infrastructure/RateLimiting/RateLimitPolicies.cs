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

    /// <summary>Starting conversations and sending messages.</summary>
    public const string Messages = "messages";

    /// <summary>Register, login and refresh: anonymous, so limited per client address.</summary>
    public const string Auth = "auth";

    public const string Uploads = "uploads";

    /// <summary>Every request, whatever else limits it: a budget per user (per address when anonymous).</summary>
    public const string General = "general";

    public static readonly string[] All = [Posts, Likes, Comments, Follows, Stories, Search, Feed, Messages, Auth, Uploads];
}
