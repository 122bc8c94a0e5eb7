namespace Instagram.Grains.Comments;

[GenerateSerializer, Alias("Instagram.Grains.Comments.CommentState")]
public sealed class CommentState
{
    [Id(0)] public long PostId { get; set; }
    [Id(1)] public long AuthorId { get; set; }
    [Id(2)] public string Text { get; set; } = "";
    [Id(3)] public long? ParentId { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Position in the post's comment list; null until listed.</summary>
    [Id(5)] public long? Sequence { get; set; }
    [Id(6)] public bool Deleted { get; set; }
}
