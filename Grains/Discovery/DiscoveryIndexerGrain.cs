using Instagram.Grains.Events;
using Instagram.Grains.Lists;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;
using Orleans.Streams;

namespace Instagram.Grains.Discovery;

/// <summary>
/// Consumes one author's post and user events (key = author id) and feeds the discovery read models: hashtag pages,
/// the trending windows and the explore and reels candidate pools. Every target is idempotent, so redelivery changes nothing.
/// Private accounts' posts go on hashtag pages (readers are filtered) but never into trending or explore; a deleted
/// post leaves trending, and an account that turns private stops counting there (and counts again once public).
/// </summary>
// The grain type keeps the name it was deployed under: implicit subscribers are addressed by grain type, so events
// queued by (or for) silos running the old name still reach an activation.
[GrainType("hashtagindexer")]
[ImplicitStreamSubscription(StreamNamespaces.PostEvents)]
[ImplicitStreamSubscription(StreamNamespaces.UserEvents)]
internal sealed class DiscoveryIndexerGrain(IGrainFactory grains, TimeProvider time) : Grain, IGrainWithIntegerKey
{
    private long AuthorId => this.GetPrimaryKeyLong();

    private ITrendingCollectorGrain Trending => grains.GetGrain<ITrendingCollectorGrain>(0);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var streams = this.GetStreamProvider(ProviderNames.Streams);
        await streams.GetStream<PostEvent>(StreamId.Create(StreamNamespaces.PostEvents, AuthorId)).SubscribeAsync(OnPostEventAsync);
        await streams.GetStream<UserEvent>(StreamId.Create(StreamNamespaces.UserEvents, AuthorId)).SubscribeAsync(OnUserEventAsync);
    }

    private async Task OnPostEventAsync(PostEvent post, StreamSequenceToken? token)
    {
        var candidates = grains.GetGrain<IExploreCandidatesGrain>(CandidatePools.Explore);
        var reels = grains.GetGrain<IExploreCandidatesGrain>(CandidatePools.Reels);
        if (post.Kind == PostEventKind.Deleted)
        {
            // Hashtag pages keep the id; their readers drop tombstoned posts when hydrating. Trending is told whatever
            // the author's privacy: the post may have counted while the author was public.
            if (post.Hashtags.Length > 0)
            {
                await Trending.RecordChangesAsync([TrendingChange.Deleted(post.AuthorId, post.PostId, post.Hashtags, post.CreatedAt)]);
            }

            await Task.WhenAll(candidates.RemoveAsync(post.PostId), reels.RemoveAsync(post.PostId));
            return;
        }

        await Task.WhenAll(post.Hashtags.Select(tag =>
            grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.HashtagPosts, tag)).AddAsync(post.PostId)));

        if (await grains.GetGrain<IUserGrain>(post.AuthorId).GetSummaryAsync() is { IsPrivate: false })
        {
            if (post.Hashtags.Length > 0)
            {
                await Trending.RecordChangesAsync([TrendingChange.Published(post.AuthorId, post.PostId, post.Hashtags, post.CreatedAt)]);
            }

            var candidate = new ExploreCandidate(post.PostId, post.AuthorId, post.Hashtags, post.CreatedAt);
            await candidates.AddAsync(candidate);
            if (post.PostKind == PostKind.Reel)
            {
                await reels.AddAsync(candidate);
            }
        }
    }

    // Reads the current privacy rather than the event's, as the search indexer does, so a redelivered or late event
    // cannot undo a newer switch. This grain handles the author's post events too, so the windows hear of a switch in
    // order with the author's uses.
    private async Task OnUserEventAsync(UserEvent userEvent, StreamSequenceToken? token)
    {
        if (await grains.GetGrain<IUserGrain>(AuthorId).GetSummaryAsync() is { } user)
        {
            await Trending.RecordChangesAsync([TrendingChange.Privacy(AuthorId, user.IsPrivate, time.GetUtcNow())]);
        }
    }
}
