using Instagram.Grains.Common;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Discovery;

/// <summary>
/// One hashtag's page (key = the normalised tag, without '#'): its posts, newest first, hydrated for one viewer.
/// The ids live in the tag's edge list (<c>EdgeLists.HashtagPosts</c>), fed by the discovery indexer.
/// </summary>
[Alias("Instagram.Grains.Discovery.IHashtagGrain")]
public interface IHashtagGrain : IGrainWithStringKey
{
    /// <summary>
    /// A page of the tag's posts as <paramref name="viewerId"/> sees them: published, visible to the viewer (privacy,
    /// blocks, suspensions) and not hidden by the viewer's muted words. The cursor is the list's, so a page left short by
    /// what was hidden still pages on.
    /// </summary>
    [Alias("GetPostsAsync")] Task<Page<PostView>> GetPostsAsync(long viewerId, PageRequest page);
}
