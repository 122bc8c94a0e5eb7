using Instagram.Grains.Media;

namespace Instagram.Grains.Posts;

[GenerateSerializer, Alias("Instagram.Grains.Posts.PostState")]
public sealed class PostState
{
    [Id(0)] public long AuthorId { get; set; }
    [Id(1)] public string Caption { get; set; } = "";
    [Id(2)] public string[] Hashtags { get; set; } = [];
    [Id(3)] public string[] Mentions { get; set; } = [];
    [Id(4)] public PostLocation? Location { get; set; }
    [Id(5)] public MediaView[] Media { get; set; } = [];
    [Id(6)] public PostStatus Status { get; set; }
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public long LikeCount { get; set; }
    [Id(9)] public long CommentCount { get; set; }

    /// <summary>
    /// False while the latest status change (published or deleted) has not been handed to the author's timeline;
    /// an activation that finds it false hands it over again, so an accepted post is never stranded.
    /// </summary>
    [Id(10)] public bool Distributed { get; set; }

    /// <summary>A post or a reel; state written before kinds existed reads as a post.</summary>
    [Id(11)] public PostKind Kind { get; set; }

    /// <summary>Why a failed post failed when no media item did (a reel whose finished video breaks a reel rule).</summary>
    [Id(12)] public string? FailureReason { get; set; }
}
