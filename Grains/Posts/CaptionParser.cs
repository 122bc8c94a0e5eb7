using System.Text.RegularExpressions;

namespace Instagram.Grains.Posts;

/// <summary>Finds #hashtags and @mentions in a caption; both are stored lower-case, distinct, in order of appearance.</summary>
public static partial class CaptionParser
{
    /// <summary>Instagram ignores hashtags past the thirtieth.</summary>
    public const int MaxHashtags = 30;

    public static string[] Hashtags(string caption) =>
        [.. HashtagPattern().Matches(caption).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().Take(MaxHashtags)];

    public static string[] Mentions(string caption) =>
        [.. MentionPattern().Matches(caption).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct()];

    [GeneratedRegex(@"(?<![\p{L}\p{N}_&])#([\p{L}\p{N}_]{1,100})")]
    private static partial Regex HashtagPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_.])@([A-Za-z0-9._]{1,30})")]
    private static partial Regex MentionPattern();
}
