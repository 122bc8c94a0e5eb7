using Instagram.Grains.Events;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;
using Orleans.Streams;

namespace Instagram.Grains.Search;

/// <summary>
/// The search indexer of one user (key = user id = the key of both the user's post events and user events).
/// An event only says what changed; the handler reads the current state from the post or user grain and writes
/// that. So the handlers are idempotent and order-insensitive: a redelivered or late "published" cannot bring back a
/// deleted post, and an old profile event cannot undo a newer privacy change.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.PostEvents)]
[ImplicitStreamSubscription(StreamNamespaces.UserEvents)]
internal sealed class SearchIndexerGrain(ISearchIndex index, IUserDirectory directory, IGrainFactory grains, TimeProvider time) : Grain, ISearchIndexerGrain
{
    private long UserId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var streams = this.GetStreamProvider(ProviderNames.Streams);
        await streams.GetStream<PostEvent>(StreamId.Create(StreamNamespaces.PostEvents, UserId)).SubscribeAsync(OnPostEventAsync);
        await streams.GetStream<UserEvent>(StreamId.Create(StreamNamespaces.UserEvents, UserId)).SubscribeAsync(OnUserEventAsync);
    }

    // A failure (the index unreachable) propagates, so the stream delivers the event again.
    private async Task OnPostEventAsync(PostEvent postEvent, StreamSequenceToken? token)
    {
        var post = await grains.GetGrain<IPostGrain>(postEvent.PostId).GetDetailsAsync();
        if (post is { Status: PostStatus.Published })
        {
            await index.UpsertPostsAsync([SearchDocuments.From(post)]);
            SearchMetrics.RecordIndexed(postEvent.OccurredAt, time.GetUtcNow(), "upsert");
        }
        else
        {
            await index.DeletePostsAsync([postEvent.PostId]);
            SearchMetrics.RecordIndexed(postEvent.OccurredAt, time.GetUtcNow(), "delete");
        }
    }

    private async Task OnUserEventAsync(UserEvent userEvent, StreamSequenceToken? token)
    {
        await directory.OnUserSeenAsync(UserId);
        if (await grains.GetGrain<IUserGrain>(UserId).GetSummaryAsync() is { } user)
        {
            await index.UpsertUsersAsync([SearchDocuments.From(user)]);
        }
    }
}
