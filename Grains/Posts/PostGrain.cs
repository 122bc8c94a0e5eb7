using Instagram.Grains.Comments;
using Instagram.Grains.Events;
using Instagram.Grains.Graph;
using Instagram.Grains.Lists;
using Instagram.Grains.Media;
using Instagram.Grains.Notifications;
using Instagram.Grains.Reels;
using Instagram.Grains.Users;

namespace Instagram.Grains.Posts;

internal sealed partial class PostGrain(
    [PersistentState("post", ProviderNames.GrainStorage)] IPersistentState<PostState> post,
    IGrainFactory grains,
    PostHydrator hydrator,
    TimeProvider time,
    ILogger<PostGrain> logger) : Grain, IPostGrain, IRemindable
{
    public const int MaxCaptionLength = 2_200;
    public const int MaxMedia = 10;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Outlives the silo while a post is left undistributed (see <see cref="EnsureDistributionAsync"/>).</summary>
    public const string DistributionReminder = "distribute";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ReminderDelay = TimeSpan.FromSeconds(5); // after the timer's try, which usually succeeds

    private bool _mayHaveReminder;

    private IGrainTimer? _distributionTimer;
    private IGrainTimer? _saveTimer;
    private bool _unsaved; // the state in memory is ahead of storage (see SaveSoon)
    private TimeSpan _mediaWait;

    private long PostId => this.GetPrimaryKeyLong();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (post.RecordExists && !post.State.Distributed)
        {
            ScheduleDistribution();
        }

        return Task.CompletedTask;
    }

    public async Task<PostStatus> CreateAsync(NewPost newPost)
    {
        if (post.RecordExists)
        {
            if (post.State.AuthorId != newPost.AuthorId)
            {
                throw DomainException.Conflict("A post with this id already exists.");
            }

            // A retried create (same idempotency key) finishes what the first one may have left undone.
            await DistributeNowOrLaterAsync();
            return post.State.Status;
        }

        Validate(newPost);
        var use = MediaUse.ForPost(PostId);
        var media = await ClaimMediaAsync(newPost, use);
        if (newPost.Kind == PostKind.Reel && media.Select(ReelRules.Violation).FirstOrDefault(v => v is not null) is { } violation)
        {
            await ReleaseMediaAsync(newPost.MediaIds, use);
            throw DomainException.Unprocessable(violation);
        }

        // Clients upload first, so the media are usually processed already: then the post is published by this same
        // write (one storage write fewer per post) and only distribution is left for the timer. The caller is told
        // "processing" either way, as the API promises: the post is not on any feed yet.
        var ready = media.All(m => m.Status == MediaStatus.Ready);
        post.State = new PostState
        {
            AuthorId = newPost.AuthorId,
            Caption = newPost.Caption,
            Hashtags = CaptionParser.Hashtags(newPost.Caption),
            Mentions = CaptionParser.Mentions(newPost.Caption),
            Location = newPost.Location,
            Kind = newPost.Kind,
            Media = media,
            Status = ready ? PostStatus.Published : PostStatus.Processing,
            CreatedAt = IdGenerator.TimeOf(PostId),
        };
        try
        {
            await SaveAsync();
        }
        catch
        {
            await ReleaseMediaAsync(newPost.MediaIds, use);
            throw;
        }

        await DistributeNowOrLaterAsync();
        return PostStatus.Processing;
    }

    public async Task<PostStatus> PublishAsync()
    {
        if (!post.RecordExists)
        {
            throw DomainException.NotFound("post");
        }

        // A post waits for every media item to be processed: ready → published (with the final variants and
        // sizes), any failed or gone → failed, else it stays processing and the timer asks again.
        if (post.State.Status == PostStatus.Processing)
        {
            var current = await Task.WhenAll(post.State.Media.Select(m => grains.GetGrain<IMediaGrain>(m.Id).GetViewAsync()));
            var media = current.Select((view, i) => view ?? post.State.Media[i] with { Status = MediaStatus.Failed, FailureReason = "The media item no longer exists." }).ToArray();
            // A reel accepted while its video was processing is held to the reel rules now that the video is known.
            var reelViolation = post.State.Kind == PostKind.Reel ? media.Select(ReelRules.Violation).FirstOrDefault(v => v is not null) : null;
            if (media.Any(m => m.Status == MediaStatus.Failed) || reelViolation is not null)
            {
                post.State.Media = media;
                post.State.FailureReason = reelViolation;
                post.State.Status = PostStatus.Failed;
                post.State.Distributed = true; // nothing to hand to the timeline
                await SaveAsync();
                return post.State.Status;
            }

            if (media.Any(m => m.Status != MediaStatus.Ready))
            {
                return post.State.Status;
            }

            post.State.Media = media;
            post.State.Status = PostStatus.Published;
            post.State.Distributed = false;
            await SaveAsync();
        }

        await DistributeAsync();
        return post.State.Status;
    }

    public Task<PostDetails?> GetDetailsAsync() =>
        Task.FromResult(post.RecordExists && post.State.Status != PostStatus.Deleted ? ToDetails() : null);

    public async Task<PostView?> GetViewAsync(long viewerId)
    {
        if (!post.RecordExists || post.State.Status == PostStatus.Deleted)
        {
            return null;
        }

        // Only the author sees a post before it is published.
        if (post.State.Status != PostStatus.Published && viewerId != post.State.AuthorId)
        {
            return null;
        }

        return (await hydrator.HydrateAsync([ToDetails()], viewerId))[0];
    }

    public async Task<Page<CommentView>> GetCommentsAsync(long viewerId, PageRequest page)
    {
        await EnsureVisibleToAsync(viewerId);
        var blocked = grains.GetGrain<IBlocksGrain>(viewerId).GetExcludedAsync();
        var muted = hydrator.MutedWordsAsync(viewerId);
        var ids = await grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.Comments, PostId)).GetPageAsync(page, newestFirst: false);
        var hidden = await muted;
        // Comments the viewer muted leave the page short; the cursor is the list's, so paging goes on past them.
        var comments = (await Task.WhenAll(ids.Items.Select(c => grains.GetGrain<ICommentGrain>(c).GetAsync())))
            .OfType<CommentDetails>().Where(c => !hidden.HidesComment(c, viewerId)).ToArray();
        var authors = (await grains.VisibleSummariesAsync(viewerId, blocked, comments.Select(c => c.AuthorId).Distinct())).ToDictionary(a => a.Id);
        CommentView[] items = [.. comments.Where(c => authors.ContainsKey(c.AuthorId)).Select(c => new CommentView(c, authors[c.AuthorId]))];
        return new Page<CommentView>(items, ids.NextCursor);
    }

    public async Task<Page<UserSummary>> GetLikersAsync(long viewerId, PageRequest page)
    {
        await EnsureVisibleToAsync(viewerId);
        var blocked = grains.GetGrain<IBlocksGrain>(viewerId).GetExcludedAsync();
        var likers = await grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.Likes, PostId)).GetPageAsync(page, newestFirst: true);
        return new Page<UserSummary>(await grains.VisibleSummariesAsync(viewerId, blocked, likers.Items), likers.NextCursor);
    }

    public async Task DeleteAsync(long requestedBy)
    {
        if (!post.RecordExists || (post.State.Status == PostStatus.Deleted && requestedBy != post.State.AuthorId))
        {
            throw DomainException.NotFound("post");
        }

        if (post.State.AuthorId != requestedBy)
        {
            throw await grains.RefuseNonOwnerAsync(requestedBy, post.State.AuthorId, "post", "Only the author can delete a post.");
        }

        if (post.State.Status != PostStatus.Deleted)
        {
            post.State.Status = PostStatus.Deleted; // the tombstone every read path checks
            post.State.Distributed = false;
            await SaveAsync();
        }

        await ForgetEverywhereAsync();

        try
        {
            await DistributeAsync();
        }
        catch
        {
            await EnsureDistributionAsync(RetryDelay); // the tombstone is written: the rest (timeline, media) must still happen
            throw;
        }
    }

    public async Task SetEngagementCountAsync(string list, long count)
    {
        if (!post.RecordExists)
        {
            return;
        }

        switch (list)
        {
            case EdgeLists.Likes when post.State.LikeCount != count:
                post.State.LikeCount = count;
                break;
            case EdgeLists.Comments when post.State.CommentCount != count:
                post.State.CommentCount = count;
                break;
            default:
                return;
        }

        await SaveAsync();
    }

    // The post's lists are shown only with the post: published, and its author visible to the viewer. Anything else is
    // the same 404 (unknown, deleted, unpublished, private or blocked), so the answer never tells which.
    private Task EnsureVisibleToAsync(long viewerId) =>
        grains.EnsurePostVisibleAsync(viewerId, post.State.AuthorId, post.RecordExists && post.State.Status == PostStatus.Published);

    private static void Validate(NewPost newPost)
    {
        if (newPost.Caption.Length > MaxCaptionLength)
        {
            throw DomainException.InvalidInput($"A caption has at most {MaxCaptionLength} characters.");
        }

        if (newPost.MediaIds.Length is 0 or > MaxMedia)
        {
            throw DomainException.InvalidInput($"A post has 1 to {MaxMedia} media items.");
        }

        if (newPost.Kind == PostKind.Reel && newPost.MediaIds.Length != 1)
        {
            throw DomainException.Unprocessable("A reel has exactly one media item: one video.");
        }

        if (newPost.MediaIds.Distinct().Count() != newPost.MediaIds.Length)
        {
            throw DomainException.InvalidInput("The same media item is listed twice.");
        }
    }

    // Each item is claimed for this post, so no other post or story can delete its images. Claims that succeeded are
    // given back when another fails (or the post is not written): the post does not exist, and its media must stay
    // usable. Giving back after a write that failed but landed would free media a post holds; storage reports such
    // writes as failures rarely enough that a stuck item (upload again) would be the worse default.
    private async Task<MediaView[]> ClaimMediaAsync(NewPost newPost, MediaUse use)
    {
        var claims = newPost.MediaIds.Select(id => grains.GetGrain<IMediaGrain>(id).ClaimAsync(newPost.AuthorId, use)).ToArray();
        try
        {
            return await Task.WhenAll(claims);
        }
        catch
        {
            await ReleaseMediaAsync(newPost.MediaIds, use);
            throw;
        }
    }

    // Best effort: a claim left behind only blocks reusing that item for anything but this post id.
    private async Task ReleaseMediaAsync(long[] mediaIds, MediaUse use)
    {
        try
        {
            await Task.WhenAll(mediaIds.Select(id => grains.GetGrain<IMediaGrain>(id).ReleaseAsync(use)));
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex, PostId);
        }
    }

    // A published post is handed to the author's timeline (durable, and the fan-out events with it) before the create
    // call answers: a timer alone dies with its silo, and a post accepted just before a crash would then reach no feed
    // until someone read it. Should the hand-off fail, it is retried, durably; the post is stored either way.
    private async Task DistributeNowOrLaterAsync()
    {
        if (post.State.Distributed)
        {
            return;
        }

        if (post.State.Status != PostStatus.Processing)
        {
            try
            {
                await DistributeAsync();
                return;
            }
            catch (Exception ex)
            {
                LogDistributionFailed(ex, PostId);
            }
        }

        // Media still processing (rare: clients upload first), or the timeline unreachable (its silo just died).
        await EnsureDistributionAsync(post.State.Status == PostStatus.Processing ? TimeSpan.Zero : RetryDelay);
    }

    // A timer retries soon, and a reminder makes sure a retry happens even if this activation goes first (its silo
    // dies, or the directory drops it in the turmoil): a timer alone lost such posts in the kill test. Only posts
    // left undistributed pay for the reminder, and it is dropped once they are distributed.
    private async Task EnsureDistributionAsync(TimeSpan retryIn)
    {
        ScheduleDistribution(retryIn);
        if (!_mayHaveReminder)
        {
            await this.RegisterOrUpdateReminder(DistributionReminder, retryIn + ReminderDelay, ReminderPeriod);
            _mayHaveReminder = true;
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _mayHaveReminder = true;
        if (post.RecordExists && !post.State.Distributed)
        {
            await DistributeOnTimerAsync();
        }

        await DropReminderIfDistributedAsync();
    }

    private async Task DropReminderIfDistributedAsync()
    {
        if (!_mayHaveReminder || (post.RecordExists && !post.State.Distributed))
        {
            return;
        }

        if (await this.GetReminder(DistributionReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _mayHaveReminder = false;
    }

    // Publication happens off the request path: the caller gets "processing" at once. While media are still
    // processing the timer asks again, backing off from 50 ms to 2 s (KeepAlive: the grain stays to publish).
    private void ScheduleDistribution(TimeSpan? due = null)
    {
        var dueTime = due ?? TimeSpan.Zero;
        if (_distributionTimer is null)
        {
            _distributionTimer = this.RegisterGrainTimer(static (grain, _) => grain.DistributeOnTimerAsync(), this,
                new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _distributionTimer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task DistributeOnTimerAsync()
    {
        try
        {
            if (post.State.Status == PostStatus.Processing)
            {
                if (await PublishAsync() == PostStatus.Processing)
                {
                    _mediaWait = _mediaWait == TimeSpan.Zero ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromTicks(Math.Min(_mediaWait.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
                    ScheduleDistribution(_mediaWait);
                }
            }
            else
            {
                await DistributeAsync();
            }
        }
        catch (Exception ex)
        {
            // Left undistributed: tried again shortly (and by the next activation, should this one go).
            LogDistributionFailed(ex, PostId);
            if (!post.State.Distributed)
            {
                ScheduleDistribution(RetryDelay);
            }
        }
    }

    // Hands the current status to the author's timeline (which fans out), then records that it did.
    private async Task DistributeAsync()
    {
        if (post.State.Distributed)
        {
            return;
        }

        var timeline = grains.GetGrain<IUserPostsGrain>(post.State.AuthorId);
        switch (post.State.Status)
        {
            case PostStatus.Published:
                // Independent of each other, so side by side: the post reaches its timeline no later for the search
                // index's event or the mentions.
                await Task.WhenAll(
                    timeline.OnPublishedAsync(PostId),
                    PublishEventAsync(PostEventKind.Published),
                    this.NotifyMentionedAsync(grains, post.State.Mentions, post.State.AuthorId, PostId, post.State.AuthorId));
                break;
            case PostStatus.Deleted:
                await timeline.OnDeletedAsync(PostId);
                await PublishEventAsync(PostEventKind.Deleted);
                // The images belong to this post alone (a second use is refused), so they go with it and their
                // URLs answer 404, however long they were cacheable. Retried with the rest until it succeeds.
                await Task.WhenAll(post.State.Media.Select(m => grains.GetGrain<IMediaGrain>(m.Id).DeleteAsync()));
                break;
            default:
                return;
        }

        post.State.Distributed = true;
        if (!_mayHaveReminder)
        {
            // Nothing depends on the flag being stored before the caller hears back: a post whose flag is lost with its
            // silo is handed over again by its next activation, and every step of that is idempotent. So the write
            // leaves the publish path (one storage round trip of four) and happens in the grain's next turn.
            SaveSoon();
            return;
        }

        await SaveAsync();
        try
        {
            await DropReminderIfDistributedAsync();
        }
        catch (Exception ex)
        {
            LogDistributionFailed(ex, PostId); // harmless: the next tick finds the post distributed and drops it again
        }
    }

    // Every silo's hydration cache drops the post before the deletion answers. Should that fail, their copies still
    // expire within Feed:HydrationCacheLifetime, so the deletion goes on.
    private async Task ForgetEverywhereAsync()
    {
        try
        {
            await grains.GetGrain<IPostCachesGrain>(0).ForgetEverywhereAsync(PostId);
        }
        catch (Exception ex)
        {
            LogNotForgottenEverywhere(ex, PostId);
        }
    }

    private async Task SaveAsync()
    {
        await post.WriteStateAsync();
        _unsaved = false;
        hydrator.ForgetPost(PostId);
    }

    private void SaveSoon()
    {
        _unsaved = true;
        _saveTimer ??= this.RegisterGrainTimer(static (grain, _) => grain.SaveIfUnsavedAsync(), this,
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _saveTimer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private async Task SaveIfUnsavedAsync()
    {
        if (!_unsaved)
        {
            return; // another write carried it
        }

        try
        {
            await SaveAsync();
        }
        catch (Exception ex)
        {
            LogSaveFailed(ex, PostId);
            _saveTimer?.Change(RetryDelay, Timeout.InfiniteTimeSpan);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _unsaved ? SaveAsync() : Task.CompletedTask;

    private Task PublishEventAsync(PostEventKind kind) => this.GetStreamProvider(ProviderNames.Streams)
        .GetStream<PostEvent>(StreamId.Create(StreamNamespaces.PostEvents, post.State.AuthorId))
        .OnNextAsync(new PostEvent(kind, PostId, post.State.AuthorId, post.State.Caption, post.State.Hashtags, post.State.Location, post.State.CreatedAt,
            time.GetUtcNow(), post.State.Kind));

    private PostDetails ToDetails() => new(PostId, post.State.AuthorId, post.State.Caption, post.State.Hashtags,
        post.State.Mentions, post.State.Location, post.State.Media, post.State.LikeCount, post.State.CommentCount,
        post.State.Status, post.State.CreatedAt,
        post.State.Status == PostStatus.Failed ? post.State.FailureReason ?? post.State.Media.FirstOrDefault(m => m.Status == MediaStatus.Failed)?.FailureReason : null,
        post.State.Kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Distributing post {PostId} failed; it will be retried shortly")]
    private partial void LogDistributionFailed(Exception exception, long postId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} deleted, but not every silo's cache heard of it; their copies expire on their own")]
    private partial void LogNotForgottenEverywhere(Exception exception, long postId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing post {PostId} as distributed failed; it will be retried shortly")]
    private partial void LogSaveFailed(Exception exception, long postId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} was not created, and giving back its media failed; they stay claimed by it")]
    private partial void LogReleaseFailed(Exception exception, long postId);
}
