using Instagram.Grains.Lists;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Discovery;

/// <summary>
/// Reads a hashtag's list and hydrates it for the viewer through the <see cref="PostHydrator"/>, like every other
/// viewer-aware list, so tombstones, privacy, blocks and suspensions are applied in one place.
/// </summary>
// Holds nothing (the list is the tag's edge list): a stateless worker lets every silo answer locally, so a viral tag's
// readers do not queue on one activation.
[StatelessWorker]
internal sealed class HashtagGrain(IGrainFactory grains, PostHydrator hydrator) : Grain, IHashtagGrain
{
    public async Task<Page<PostView>> GetPostsAsync(long viewerId, PageRequest page)
    {
        var muted = hydrator.MutedWordsAsync(viewerId); // once per request, beside the list
        var ids = await grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.HashtagPosts, this.GetPrimaryKeyString()))
            .GetPageAsync(page, newestFirst: true);
        var views = await hydrator.HydrateAsync([.. ids.Items.Distinct()], viewerId);
        var hidden = await muted;
        // The list is in arrival order; within a page, newest first. Muted posts leave the page short; the cursor is the list's.
        return new Page<PostView>([.. views.OfType<PostView>().Where(v => PostHydrator.IsListed(v, hidden, viewerId)).OrderByDescending(v => v.Post.Id)],
            ids.NextCursor);
    }
}
