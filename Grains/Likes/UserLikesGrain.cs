using Instagram.Grains.Affinity;
using Instagram.Grains.Lists;
using Instagram.Grains.Notifications;
using Instagram.Grains.Posts;

namespace Instagram.Grains.Likes;

internal sealed class UserLikesGrain(
    [PersistentState("likes", ProviderNames.GrainStorage)] IPersistentState<UserLikesState> likes,
    IGrainFactory grains) : Grain, IUserLikesGrain
{
    private long UserId => this.GetPrimaryKeyLong();

    public async Task<LikeState> LikeAsync(long postId)
    {
        var post = await grains.VisiblePostAsync(UserId, postId);
        var likers = Likers(postId);
        if (!likes.State.Liked.ContainsKey(postId))
        {
            // The post's list stores the like durably (group-committed) before this record says "liked".
            likes.State.Liked[postId] = await likers.AddAsync(UserId);
            await likes.WriteStateAsync();
            await this.NotifyAsync(post.AuthorId, NotificationType.Like, UserId, postId);
            await grains.GetGrain<IAffinityGrain>(UserId).RecordAsync(post.AuthorId, Interaction.Like, post.Hashtags);
        }

        return new LikeState(await likers.GetCountAsync(), IsLiked: true);
    }

    public async Task<LikeState> UnlikeAsync(long postId)
    {
        await grains.VisiblePostAsync(UserId, postId);
        var likers = Likers(postId);
        if (likes.State.Liked.Remove(postId, out var sequence))
        {
            await likes.WriteStateAsync();
            await likers.RemoveAsync(UserId, sequence);
        }

        return new LikeState(await likers.GetCountAsync(), IsLiked: false);
    }

    public Task<bool[]> HasLikedAsync(long[] postIds) => Task.FromResult(postIds.Select(likes.State.Liked.ContainsKey).ToArray());

    private IEdgeListGrain Likers(long postId) => grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.Likes, postId));
}
