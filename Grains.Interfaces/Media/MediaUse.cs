namespace Instagram.Grains.Media;

/// <summary>
/// The one post, story, message or avatar a media item belongs to: the post's, story's or message's id, or the user's id for an avatar.
/// One use per item means deleting a story or a post can delete its images without breaking anything else.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.MediaUse")]
public sealed record MediaUse([property: Id(0)] MediaUseKind Kind, [property: Id(1)] long Id)
{
    public static MediaUse ForPost(long postId) => new(MediaUseKind.Post, postId);

    public static MediaUse ForStory(long storyId) => new(MediaUseKind.Story, storyId);

    public static MediaUse ForAvatar(long userId) => new(MediaUseKind.Avatar, userId);

    public static MediaUse ForMessage(long messageId) => new(MediaUseKind.Message, messageId);
}
