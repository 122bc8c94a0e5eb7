using Instagram.Grains.Abstractions;

namespace Instagram.Grains.Media;

/// <summary>
/// One media item's life: upload slot → bytes complete → processing → ready (or failed). The grain does two jobs
/// through two helpers that share its one record: <see cref="MediaUploadSession"/> (slot, chunks, direct-upload
/// polling, expiry, reminder) and <see cref="MediaProcessingPipeline"/> (variants, retries with backoff). The grain
/// itself answers callers (owner checks, views, claims), writes the record, counts the queue, and holds the one timer
/// on which the item moves on by itself; the reminder backs that timer up if the silo goes.
/// </summary>
internal sealed partial class MediaGrain : Grain, IMediaGrain, IMediaTestSeam, IRemindable, IMediaHost
{
    private readonly IPersistentState<MediaState> _media;
    private readonly IMediaStore _store;
    private readonly MediaProcessingOptions _options;
    private readonly ILogger<MediaGrain> _logger;
    private readonly MediaUploadSession _upload;
    private readonly MediaProcessingPipeline _pipeline;

    // Claims interleave with everything else (a post must not wait for the pipeline), so two writes may be under way
    // at once; storage takes them one at a time, each on the ETag the last one left.
    private readonly SemaphoreSlim _writing = new(1, 1);

    private IGrainTimer? _wake;
    private bool _inQueue;

    public MediaGrain(
        [PersistentState("media", ProviderNames.GrainStorage)] IPersistentState<MediaState> media,
        IMediaStore store,
        IMediaUploadStore uploads,
        MediaProcessor processor,
        VideoTranscoder video,
        IOptions<MediaProcessingOptions> options,
        TimeProvider time,
        ILogger<MediaGrain> logger)
    {
        _media = media;
        _store = store;
        _options = options.Value;
        _logger = logger;
        _upload = new MediaUploadSession(this, uploads, _options, time, logger);
        _pipeline = new MediaProcessingPipeline(this, _upload, store, processor, video, _options, time, logger);
    }

    private long MediaId => this.GetPrimaryKeyLong();

    private MediaState State => _media.State;

    long IMediaHost.MediaId => MediaId;

    MediaState IMediaHost.State => State;

    string IMediaHost.UrlToken => State.UrlToken;

    Task IMediaHost.SaveAsync() => SaveAsync();

    void IMediaHost.WakeIn(TimeSpan due) => WakeIn(due);

    void IMediaHost.StopWaking() => _wake?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Slot is not null && State.Status is MediaStatus.Uploading or MediaStatus.Processing)
        {
            WakeIn(TimeSpan.Zero); // resume polling, processing or expiry where the last activation left off
        }

        CountInQueue();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The item is still waiting, but no longer here: its next activation, on whichever silo, counts it.
        SetInQueue(false);
        return Task.CompletedTask;
    }

    public Task<MediaUploadTicket> CreateUploadAsync(MediaUploadSlot slot) => _upload.CreateAsync(slot);

    public Task<MediaUploadSlot?> GetUploadSlotAsync() => Task.FromResult(_upload.Slot);

    public async Task<MediaProgress> ReceiveChunkAsync(UploadChunk chunk)
    {
        await _upload.ReceiveChunkAsync(chunk);
        return Progress();
    }

    public async Task<MediaProgress> CheckUploadAsync(long requestedBy)
    {
        CheckOwner(requestedBy);
        await _upload.CheckCompleteAsync();
        return Progress();
    }

    public Task<MediaProgress> GetProgressAsync(long requestedBy)
    {
        CheckOwner(requestedBy);
        return Task.FromResult(Progress());
    }

    async Task<MediaView> IMediaTestSeam.CompleteUploadAsync(StoredMedia stored)
    {
        await _upload.RegisterStoredAsync(stored);
        return View();
    }

    public async Task<MediaView> GetOwnedViewAsync(long ownerId)
    {
        CheckOwner(ownerId);
        switch (State.Status)
        {
            case MediaStatus.Ready or MediaStatus.Processing:
                return View();
            case MediaStatus.Failed:
                throw DomainException.Unprocessable($"Media {MediaId} cannot be used: {State.FailureReason}");
        }

        // A direct upload may be in storage before the grain's next look: look now (without writing, since this
        // read interleaves), and have the timer take it from there.
        if (await _upload.HasDirectUploadLandedAsync())
        {
            WakeIn(TimeSpan.Zero);
            return View() with { Status = MediaStatus.Processing };
        }

        throw DomainException.Unprocessable($"Media {MediaId} has not been uploaded yet.");
    }

    public async Task<MediaView> ClaimAsync(long ownerId, MediaUse use)
    {
        // Owner and status first: someone else's item stays a 404, not a hint that it is in use. No await between
        // the check and the claim, so interleaved claims cannot both take the item.
        var view = await GetOwnedViewAsync(ownerId);
        if (State.Use is { } held)
        {
            return held == use
                ? view
                : throw DomainException.Conflict($"Media {MediaId} is already used by a {held.Kind.ToString().ToLowerInvariant()}; a media item has one use, so upload the image again.");
        }

        State.Use = use;
        await SaveAsync();
        return view;
    }

    public async Task ReleaseAsync(MediaUse use)
    {
        if (State.Use == use)
        {
            State.Use = null;
            await SaveAsync();
        }
    }

    public Task<MediaView?> GetViewAsync() => Task.FromResult(State.Slot is null && State.Stored is null ? null : View());

    public async Task DeleteAsync()
    {
        if (!_media.RecordExists)
        {
            return; // never created, or already deleted (a post's deletion retried): nothing to delete, nothing to write
        }

        _wake?.Dispose();
        _wake = null;
        if (State.Stored is { StorageKey: { } key })
        {
            await _store.DeleteAsync(key, CancellationToken.None);
        }
        else if (State.Slot is not null && State.Stored is null)
        {
            await _upload.DiscardAsync();
            await _pipeline.DeleteOutputsAsync();
        }

        if (State.HasReminder)
        {
            await _upload.DropReminderAsync(force: true);
        }

        await SaveAsync(clear: true);
        DeactivateOnIdle();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => WakeAsync();

    private Task OnWakeTimerAsync() => WakeAsync();

    private async Task WakeAsync()
    {
        try
        {
            await MoveOnAsync();
        }
        catch (Exception ex)
        {
            // Storage or grain state unavailable: look again later (the reminder backs this up if the silo goes).
            LogWakeFailed(ex, MediaId);
            WakeIn(_options.RetryDelay);
        }
    }

    // The one place the item moves on by itself; which job it is in decides what that means.
    private async Task MoveOnAsync()
    {
        if (State.Slot is null)
        {
            await _upload.DropReminderAsync(force: true); // a reminder that outlived its record
            return;
        }

        switch (State.Status)
        {
            case MediaStatus.Ready or MediaStatus.Failed:
                await _upload.CloseAsync();
                break;
            case MediaStatus.Uploading:
                if (await _upload.PollAsync())
                {
                    await _pipeline.ProcessAsync();
                }

                break;
            case MediaStatus.Processing:
                await _pipeline.RunWhenDueAsync();
                break;
        }
    }

    private async Task SaveAsync(bool clear = false)
    {
        await _writing.WaitAsync();
        try
        {
            await (clear ? _media.ClearStateAsync() : _media.WriteStateAsync());
        }
        finally
        {
            _writing.Release();
            // Every change of status goes through here; a failed write leaves the status in memory, and that is what
            // the timer acts on, so the count follows it either way.
            CountInQueue();
        }
    }

    private void CountInQueue() => SetInQueue(State.Status == MediaStatus.Processing);

    private void SetInQueue(bool inQueue)
    {
        if (inQueue != _inQueue)
        {
            _inQueue = inQueue;
            MediaMetrics.QueueDepth.Add(inQueue ? 1 : -1);
        }
    }

    private void WakeIn(TimeSpan due)
    {
        if (_wake is null)
        {
            // KeepAlive: an item still uploading or processing stays active to finish; its reminder covers a silo failure.
            _wake = this.RegisterGrainTimer(static (grain, _) => grain.OnWakeTimerAsync(), this,
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _wake.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void CheckOwner(long requestedBy)
    {
        // Someone else's media is invisible to the caller until it is posted: 404, never a hint that it exists.
        if (State.Slot is not { } slot || slot.OwnerId != requestedBy)
        {
            throw DomainException.NotFound("media");
        }
    }

    private MediaProgress Progress()
    {
        var slot = State.Slot!;
        var received = State.UploadComplete
            ? State.TotalBytes ?? 0
            : State.TotalBytes is { } total ? State.ReceivedChunks.Sum(i => Math.Min(State.ChunkSize, total - (i * State.ChunkSize))) : 0;
        return new MediaProgress(MediaId, State.Status, State.Route, State.ContentType ?? slot.ContentType, slot.SizeBytes, State.ChunkSize,
            State.TotalBytes, received, [.. State.ReceivedChunks.Order()], slot.ExpiresAt, View(), State.FailureReason, State.Attempts);
    }

    private MediaView View()
    {
        if (State.Stored is { } stored)
        {
            var url = stored.OriginalUrl;
            return stored.IsVideo
                ? new MediaView(MediaId, MediaView.VideoType, stored.Width, stored.Height, new MediaVariants(url, url, url, url),
                    Video: new VideoPlayback(stored.DurationMs, url, url))
                : new MediaView(MediaId, MediaView.Image, stored.Width, stored.Height, new MediaVariants(url, url, url, url));
        }

        // The URLs are known from the start; they serve bytes once the item is ready.
        var variants = new MediaVariants(VariantUrl(MediaKeys.Thumbnail), VariantUrl(MediaKeys.Small), VariantUrl(MediaKeys.Medium), VariantUrl(MediaKeys.Full));
        var ready = State.Status == MediaStatus.Ready;
        var view = new MediaView(MediaId, MediaView.Image, ready ? State.Width : State.HeaderWidth, ready ? State.Height : State.HeaderHeight,
            variants, State.Status, State.FailureReason);
        // A video's variants are its poster's; its duration is known from the probe on, before it is transcoded.
        return VideoFormat.IsVideo(State.Slot?.ContentType ?? "")
            ? view with { Type = MediaView.VideoType, Video = new VideoPlayback(State.DurationMs, FileUrl(VideoTranscoder.Poster), FileUrl(VideoTranscoder.MasterPlaylist)) }
            : view;
    }

    private string VariantUrl(string variant) => _store.PublicUrl(MediaKeys.Variant(MediaId, State.UrlToken, variant));

    private string FileUrl(string name) => _store.PublicUrl(MediaKeys.File(MediaId, State.UrlToken, name));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId}: could not move on; trying again shortly")]
    private partial void LogWakeFailed(Exception exception, long mediaId);
}
