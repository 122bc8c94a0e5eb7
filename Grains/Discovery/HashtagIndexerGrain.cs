using Instagram.Grains.Events;
using Instagram.Grains.Lists;
using Instagram.Grains.Users;
using Orleans.Streams;

namespace Instagram.Grains.Discovery;

/// <summary>
/// Consumes one author's post events (key = author id) and feeds the discovery read models: hashtag pages, the
/// trending windows and the explore candidate pool. Every target is idempotent, so redelivery changes nothing.
/// Private accounts' posts go on hashtag pages (readers are filtered) but never into trending or explore.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.PostEvents)]
internal sealed class HashtagIndexerGrain(IGrainFactory grains) : Grain, IGrainWithIntegerKey
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        this.GetStreamProvider(ProviderNames.Streams)
            .GetStream<PostEvent>(StreamId.Create(StreamNamespaces.PostEvents, this.GetPrimaryKeyLong()))
            .SubscribeAsync(OnEventAsync);

    private async Task OnEventAsync(PostEvent post, StreamSequenceToken? token)
    {
        var candidates = grains.GetGrain<IExploreCandidatesGrain>(0);
        if (post.Kind == PostEventKind.Deleted)
        {
            // Hashtag pages keep the id; their readers drop tombstoned posts when hydrating.
            await candidates.RemoveAsync(post.PostId);
            return;
        }

        await Task.WhenAll(post.Hashtags.Select(tag =>
            grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.HashtagPosts, tag)).AddAsync(post.PostId)));

        if (await grains.GetGrain<IUserGrain>(post.AuthorId).GetSummaryAsync() is { IsPrivate: false })
        {
            await grains.GetGrain<ITrendingCollectorGrain>(0).RecordAsync([.. post.Hashtags.Select(tag => new HashtagUse(tag, post.AuthorId, post.CreatedAt))]);
            await candidates.AddAsync(new ExploreCandidate(post.PostId, post.AuthorId, post.Hashtags, post.CreatedAt));
        }
    }
}
