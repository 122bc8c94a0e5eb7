using Instagram.Grains.Affinity;
using Instagram.Grains.Lists;
using Instagram.Grains.Media;
using Instagram.Grains.Users;

namespace Instagram.Grains.Stories;

internal sealed class StoryGrain(
    [PersistentState("story", ProviderNames.GrainStorage)] IPersistentState<StoryState> story,
    IGrainFactory grains,
    IOptions<StoriesOptions> options,
    TimeProvider time) : Grain, IStoryGrain
{
    private long StoryId => this.GetPrimaryKeyLong();

    private IEdgeListGrain Viewers => grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.StoryViewers, StoryId));

    public async Task<StoryDetails> CreateAsync(long authorId, long mediaId)
    {
        if (story.RecordExists)
        {
            return story.State.AuthorId == authorId ? ToDetails() : throw DomainException.Conflict("This story id is taken.");
        }

        // The story takes the item for itself, so expiring or deleting the story (which deletes the item) cannot
        // break a post. A story that is not written gives the claim back, so a failed creation leaves the item usable.
        var mediaGrain = grains.GetGrain<IMediaGrain>(mediaId);
        var use = MediaUse.ForStory(StoryId);
        MediaView media;
        try
        {
            media = await mediaGrain.ClaimAsync(authorId, use);
        }
        catch (DomainException ex) when (ex.Kind == DomainErrorKind.Forbidden)
        {
            throw DomainException.NotFound("media"); // someone else's media is as good as unknown here
        }

        if (media.IsVideo)
        {
            try
            {
                media = await CheckVideoLengthAsync(mediaGrain, media);
            }
            catch
            {
                await mediaGrain.ReleaseAsync(use);
                throw;
            }
        }

        var createdAt = IdGenerator.TimeOf(StoryId);
        story.State = new StoryState { AuthorId = authorId, Media = media, CreatedAt = createdAt, ExpiresAt = createdAt + options.Value.Lifetime };
        try
        {
            await story.WriteStateAsync();
        }
        catch
        {
            await mediaGrain.ReleaseAsync(use);
            throw;
        }

        await grains.GetGrain<IStoryReelGrain>(authorId).AddAsync(new StoryRef(StoryId, createdAt, story.State.ExpiresAt));
        return ToDetails();
    }

    // A video's length is known once the media grain has probed it, usually a second or two after the upload
    // completed and long before it is transcoded: wait that long rather than refuse a story posted right away.
    private async Task<MediaView> CheckVideoLengthAsync(IMediaGrain mediaGrain, MediaView media)
    {
        var deadline = time.GetUtcNow() + options.Value.VideoProbeWait;
        while (media.Video is not { DurationMs: > 0 } && media.Status == MediaStatus.Processing && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time);
            media = await mediaGrain.GetViewAsync() ?? throw DomainException.NotFound("media");
        }

        if (media.Status == MediaStatus.Failed)
        {
            throw DomainException.Unprocessable($"Media {media.Id} cannot be used: {media.FailureReason}");
        }

        var max = options.Value.MaxVideoDuration;
        return media.Video switch
        {
            not { DurationMs: > 0 } => throw DomainException.Unprocessable("The video is still being checked; try again in a few seconds."),
            { DurationMs: var ms } when ms > max.TotalMilliseconds => throw DomainException.Unprocessable(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"A story video may be at most {max.TotalSeconds:0} s long; this one is {ms / 1000.0:0.#} s.")),
            _ => media,
        };
    }

    public Task<StoryDetails?> GetAsync() => Task.FromResult(IsActive ? ToDetails() : null);

    public async Task ViewAsync(long viewerId)
    {
        if (!IsActive || !await CanSeeAsync(viewerId))
        {
            throw DomainException.NotFound("story");
        }

        if (viewerId != story.State.AuthorId
            && await grains.GetGrain<IStorySeenGrain>(viewerId).MarkSeenAsync(StoryId, story.State.ExpiresAt))
        {
            await Viewers.AddAsync(viewerId);
            await grains.GetGrain<IAffinityGrain>(viewerId).RecordAsync(story.State.AuthorId, Interaction.StoryView, []);
        }
    }

    public async Task<Page<UserSummary>> GetViewerSummariesAsync(long requestedBy, PageRequest page)
    {
        var viewers = await GetViewersAsync(requestedBy, page);
        var blocked = grains.GetGrain<Graph.IBlocksGrain>(requestedBy).GetExcludedAsync();
        return new Page<UserSummary>(await grains.VisibleSummariesAsync(requestedBy, blocked, viewers.Items), viewers.NextCursor);
    }

    public async Task<Page<long>> GetViewersAsync(long requestedBy, PageRequest page)
    {
        if (!IsActive || await grains.IsBlockedEitherWayAsync(requestedBy, story.State.AuthorId))
        {
            throw DomainException.NotFound("story");
        }

        if (requestedBy != story.State.AuthorId)
        {
            throw await grains.RefuseNonOwnerAsync(requestedBy, story.State.AuthorId, "story", "Only the author sees who viewed a story.");
        }

        return await Viewers.GetPageAsync(page, newestFirst: true);
    }

    public async Task DeleteAsync(long requestedBy)
    {
        if (!IsActive)
        {
            throw DomainException.NotFound("story");
        }

        if (requestedBy != story.State.AuthorId)
        {
            throw await grains.RefuseNonOwnerAsync(requestedBy, story.State.AuthorId, "story", "Only the author can delete a story.");
        }

        var authorId = story.State.AuthorId;
        await PurgeAsync();
        await grains.GetGrain<IStoryReelGrain>(authorId).RemoveAsync(StoryId);
    }

    public async Task PurgeAsync()
    {
        if (!story.RecordExists)
        {
            return;
        }

        if (story.State.Media is { } media)
        {
            await grains.GetGrain<IMediaGrain>(media.Id).DeleteAsync();
        }

        await Viewers.ClearAsync();
        await story.ClearStateAsync();
        DeactivateOnIdle();
    }

    private bool IsActive => story.RecordExists && story.State.ExpiresAt > time.GetUtcNow();

    // The author's hide list counts as not seeing: the story is as unknown to a hidden viewer as to a blocked one.
    private async Task<bool> CanSeeAsync(long viewerId) =>
        await grains.GetGrain<IUserGrain>(story.State.AuthorId).GetSummaryAsync() is { } author
        && await grains.CanSeeContentAsync(viewerId, author)
        && (viewerId == author.Id || !await grains.GetGrain<IStoryReelGrain>(author.Id).IsHiddenFromAsync(viewerId));

    private StoryDetails ToDetails() => new(StoryId, story.State.AuthorId, story.State.Media!, story.State.CreatedAt, story.State.ExpiresAt);
}
