using System.Diagnostics;
using Instagram.Grains.Abstractions;

namespace Instagram.Grains.Media;

/// <summary>
/// One media item's life: upload slot → bytes complete → processing → ready (or failed). Completion is never the
/// client's word: on the Api route the chunk that completes the set starts processing; on the direct route (a SAS URL
/// to Blob Storage, which raises no event here) the grain looks in storage itself — polling with backoff from the
/// moment the slot is issued, and at once when a post or the client's "done" call asks — until the object is there
/// or the slot expires. Processing runs on a grain timer, off every request path, retries storage failures with
/// exponential backoff and fails for good on bad images. A durable reminder backs up the timers while something is
/// left to finish or clean up, so a silo failure cannot strand staged bytes.
/// </summary>
internal sealed partial class MediaGrain(
    [PersistentState("media", ProviderNames.GrainStorage)] IPersistentState<MediaState> media,
    IMediaStore store,
    IMediaUploadStore uploads,
    MediaProcessor processor,
    IOptions<MediaProcessingOptions> options,
    TimeProvider time,
    ILogger<MediaGrain> logger) : Grain, IMediaGrain, IMediaTestSeam, IRemindable
{
    public const string ReminderName = "media-lifecycle";

    // Claims interleave with everything else (a post must not wait for the pipeline), so two writes may be under way
    // at once; storage takes them one at a time, each on the ETag the last one left.
    private readonly SemaphoreSlim _writing = new(1, 1);

    private IGrainTimer? _wake;
    private TimeSpan _pollDelay;
    private bool _inQueue;

    private long MediaId => this.GetPrimaryKeyLong();

    private MediaState State => media.State;

    private MediaStatus Status => State.Status;

    private string UploadKey => MediaKeys.Upload(MediaId);

    // A record from before URL tokens gets one when first shown or processed (processing persists it). Items processed
    // before tokens keep their variants under token-less keys, which are no longer served: the project was never
    // deployed, so there are none to migrate.
    private string UrlToken => State.UrlToken ??= MediaUrlToken.New();

    private MediaProcessingOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pollDelay = Options.UploadPollInterval;
        if (State.Slot is not null && Status is MediaStatus.Uploading or MediaStatus.Processing)
        {
            ScheduleWake(TimeSpan.Zero); // resume polling, processing or expiry where the last activation left off
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

    public async Task<MediaUploadTicket> CreateUploadAsync(MediaUploadSlot slot)
    {
        if (State.Slot is not null)
        {
            throw DomainException.Conflict("This upload slot already exists.");
        }

        Uri? directUrl = null;
        if (slot.Route != MediaUploadRoute.Api)
        {
            directUrl = await uploads.CreateDirectUploadUrlAsync(UploadKey, slot.ExpiresAt, CancellationToken.None);
            if (directUrl is null && slot.Route == MediaUploadRoute.Direct)
            {
                throw DomainException.InvalidInput("This media store takes uploads only through the Api.");
            }
        }

        var route = directUrl is null ? MediaUploadRoute.Api : MediaUploadRoute.Direct;
        // A client may ask for smaller chunks (a flaky network), down to MinChunkSizeBytes; never for larger.
        var chunkSize = slot.ChunkSize > 0 ? Math.Clamp(slot.ChunkSize, MediaProcessingOptions.MinChunkSizeBytes, Options.ChunkSizeBytes) : Options.ChunkSizeBytes;
        State.ChunkSize = Math.Max(1, Math.Min(chunkSize, slot.SizeBytes));
        State.Slot = slot with { Completed = false, Route = route, ChunkSize = State.ChunkSize };
        State.Status = MediaStatus.Uploading;
        State.Route = route;
        State.UrlToken = MediaUrlToken.New(); // the variants' URLs are handed out from now on (posts take them while processing)
        if (route == MediaUploadRoute.Direct)
        {
            // Anything may land in storage from now on, so cleanup must survive this activation.
            await EnsureReminderAsync();
        }

        await SaveAsync();
        if (route == MediaUploadRoute.Direct)
        {
            ScheduleWake(_pollDelay);
        }

        return new MediaUploadTicket(route, State.ChunkSize, directUrl?.ToString());
    }

    public Task<MediaUploadSlot?> GetUploadSlotAsync() =>
        Task.FromResult(State.Slot is { } slot ? slot with { Completed = State.UploadComplete || State.Stored is not null } : null);

    public async Task<MediaProgress> ReceiveChunkAsync(UploadChunk chunk)
    {
        var slot = State.Slot ?? throw DomainException.NotFound("upload");
        if (State.Route != MediaUploadRoute.Api)
        {
            throw DomainException.Conflict("This upload goes straight to storage: PUT the bytes to the URL the slot gave.");
        }

        if (State.UploadComplete || State.Stored is not null)
        {
            throw DomainException.Conflict("This media item has already been uploaded.");
        }

        if (Status == MediaStatus.Failed)
        {
            throw DomainException.Conflict($"This upload can no longer be used: {State.FailureReason}");
        }

        var index = ValidateChunk(chunk, slot);
        if (index == 0 && ImageSniffer.Detect(chunk.Bytes) is { HasSize: true } header)
        {
            if (header.Pixels > Options.MaxPixels)
            {
                throw DomainException.Unprocessable($"The image is {header.Width}x{header.Height} pixels; at most {Options.MaxPixels:N0} pixels are accepted.");
            }

            State.HeaderWidth = header.Width;
            State.HeaderHeight = header.Height;
        }

        await uploads.StageChunkAsync(UploadKey, index, chunk.Bytes, CancellationToken.None);
        State.TotalBytes = chunk.TotalBytes;
        State.ReceivedChunks.Add(index);
        var chunkCount = ChunkCount(chunk.TotalBytes);
        if (State.ReceivedChunks.Count == chunkCount)
        {
            // The upload is complete: this request, not the client's say-so, starts processing.
            await uploads.CommitChunksAsync(UploadKey, chunkCount, slot.ContentType, CancellationToken.None);
            State.UploadComplete = true;
            State.Status = MediaStatus.Processing;
            await SaveAsync();
            ScheduleWake(TimeSpan.Zero);
        }
        else
        {
            await EnsureReminderAsync(); // staged chunks must be cleaned up if the upload is abandoned
            await SaveAsync();
            ScheduleWake(CleanupDue());
        }

        return Progress();
    }

    public async Task<MediaProgress> CheckUploadAsync(long requestedBy)
    {
        CheckOwner(requestedBy);
        if (Status == MediaStatus.Uploading)
        {
            if (State.Route == MediaUploadRoute.Direct && await DiscoverDirectUploadAsync())
            {
                ScheduleWake(TimeSpan.Zero);
            }
            else
            {
                throw DomainException.Unprocessable(State.Route == MediaUploadRoute.Direct
                    ? "The upload is not in storage yet: PUT the blob (or commit its block list) first."
                    : $"The upload is incomplete: {State.ReceivedChunks.Count} of {(State.TotalBytes is { } total ? ChunkCount(total) : "?")} chunks arrived.");
            }
        }

        return Progress();
    }

    public Task<MediaProgress> GetProgressAsync(long requestedBy)
    {
        CheckOwner(requestedBy);
        return Task.FromResult(Progress());
    }

    public async Task<MediaView> CompleteUploadAsync(StoredMedia stored)
    {
        if (State.Slot is null)
        {
            throw DomainException.NotFound("upload");
        }

        // A repeated registration keeps what was stored first: media URLs are immutable.
        if (State.Stored is null)
        {
            if (State.UploadComplete)
            {
                throw DomainException.Conflict("This media item has already been uploaded.");
            }

            State.Stored = stored;
            State.Status = MediaStatus.Ready;
            _wake?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            await DropReminderAsync();
            await SaveAsync();
        }

        return View();
    }

    public async Task<MediaView> GetOwnedViewAsync(long ownerId)
    {
        CheckOwner(ownerId);
        switch (Status)
        {
            case MediaStatus.Ready or MediaStatus.Processing:
                return View();
            case MediaStatus.Failed:
                throw DomainException.Unprocessable($"Media {MediaId} cannot be used: {State.FailureReason}");
        }

        // A direct upload may be in storage before the grain's next look: look now (without writing, since this
        // read interleaves), and have the timer take it from there.
        if (State.Route == MediaUploadRoute.Direct && await uploads.GetLengthAsync(UploadKey, CancellationToken.None) is not null)
        {
            ScheduleWake(TimeSpan.Zero);
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
        if (!media.RecordExists)
        {
            return; // never created, or already deleted (a post's deletion retried): nothing to delete, nothing to write
        }

        _wake?.Dispose();
        _wake = null;
        if (State.Stored is { StorageKey: { } key })
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
        else if (State.Slot is not null && State.Stored is null)
        {
            await uploads.DiscardAsync(UploadKey, CancellationToken.None);
            foreach (var other in MediaKeys.All(MediaId, State.UrlToken).Where(k => k != UploadKey))
            {
                await store.DeleteAsync(other, CancellationToken.None);
            }
        }

        if (State.HasReminder)
        {
            await DropReminderAsync(force: true);
        }

        await SaveAsync(clear: true);
        DeactivateOnIdle();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => WakeAsync();

    private Task OnWakeTimerAsync() => WakeAsync();

    // The one place the item moves on by itself: look for a direct upload, expire an abandoned one, process.
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
            ScheduleWake(Options.RetryDelay);
        }
    }

    private async Task MoveOnAsync()
    {
        if (State.Slot is not { } slot)
        {
            await DropReminderAsync(force: true); // a reminder that outlived its record
            return;
        }

        if (Status is MediaStatus.Ready or MediaStatus.Failed)
        {
            if (HoldsWritableSasUrl)
            {
                ScheduleWake(CleanupDue()); // the reminder stays until the slot expires
                return;
            }

            if (State.HasReminder)
            {
                if (State.Route == MediaUploadRoute.Direct)
                {
                    await DeleteQuietlyAsync(UploadKey); // whatever was PUT through the SAS URL after processing
                }

                await DropReminderAsync();
                await SaveAsync();
            }

            return;
        }

        var now = time.GetUtcNow();
        if (Status == MediaStatus.Uploading)
        {
            if (State.Route == MediaUploadRoute.Direct && await DiscoverDirectUploadAsync())
            {
                await ProcessAsync();
            }
            else if (now >= slot.ExpiresAt + Options.UploadGracePeriod)
            {
                await ExpireAsync();
            }
            else if (State.Route == MediaUploadRoute.Direct)
            {
                ScheduleWake(Min(_pollDelay, CleanupDue()));
                _pollDelay = Min(_pollDelay * 2, Options.UploadPollMaxInterval);
            }
            else
            {
                ScheduleWake(CleanupDue());
            }

            return;
        }

        if (State.NextAttemptAt is { } next && next > now)
        {
            ScheduleWake(next - now);
            return;
        }

        await ProcessAsync();
    }

    private async Task<bool> DiscoverDirectUploadAsync()
    {
        var length = await uploads.GetLengthAsync(UploadKey, CancellationToken.None);
        if (length is null || Status != MediaStatus.Uploading)
        {
            return false;
        }

        State.TotalBytes = length;
        State.UploadComplete = true;
        State.Status = MediaStatus.Processing;
        await SaveAsync();
        return true;
    }

    private async Task ExpireAsync()
    {
        await uploads.DiscardAsync(UploadKey, CancellationToken.None);
        LogExpired(MediaId);
        await FailAsync("The upload did not complete before its URL expired.");
    }

    private async Task ProcessAsync()
    {
        var slot = State.Slot!;
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (State.TotalBytes > slot.SizeBytes)
            {
                throw new MediaRejectedException($"The upload is {State.TotalBytes} bytes, larger than the {slot.SizeBytes} bytes declared for it.");
            }

            ProcessedImage processed;
            byte[] original;
            using (await processor.AcquireAsync(CancellationToken.None))
            {
                original = await ReadUploadAsync(slot.SizeBytes);
                processed = await Task.Run(() => processor.Process(original, slot.ContentType));
            }

            // Original first, variants next, state last: a retry after a crash anywhere in between rewrites the
            // same objects with the same bytes, so nobody ever sees a variant change.
            var token = UrlToken;
            await store.WriteAsync(MediaKeys.Original(MediaId), original, processed.ContentType, CancellationToken.None);
            foreach (var variant in processed.Variants)
            {
                await store.WriteAsync(MediaKeys.Variant(MediaId, token, variant.Name), variant.Bytes, MediaKeys.VariantContentType, CancellationToken.None);
            }

            State.ContentType = processed.ContentType;
            State.Width = processed.Full.Width;
            State.Height = processed.Full.Height;
            State.TotalBytes = original.Length;
            State.Status = MediaStatus.Ready;
            State.NextAttemptAt = null;
            await SettleReminderAsync();
            await SaveAsync();
            await DeleteQuietlyAsync(UploadKey);
            MediaMetrics.RecordProcessing(started, "processed");
            LogProcessed(MediaId, processed.ContentType, processed.Full.Width, processed.Full.Height);
        }
        catch (MediaRejectedException ex)
        {
            MediaMetrics.RecordProcessing(started, "rejected");
            LogRejected(MediaId, ex.Message);
            await DeleteQuietlyAsync(UploadKey);
            await FailAsync(ex.Message);
        }
        catch (Exception ex) when (ex is not DomainException)
        {
            MediaMetrics.RecordProcessing(started, "retry");
            State.Attempts++;
            if (State.Attempts >= Options.MaxAttempts)
            {
                LogGaveUp(ex, MediaId, State.Attempts);
                await FailAsync($"Processing failed {State.Attempts} times (storage unavailable); upload the image again.");
                return;
            }

            var delay = Options.RetryDelay * Math.Pow(2, State.Attempts - 1);
            LogRetrying(ex, MediaId, State.Attempts, delay);
            State.NextAttemptAt = time.GetUtcNow() + delay;
            await SaveAsync();
            ScheduleWake(delay);
        }
    }

    private async Task<byte[]> ReadUploadAsync(long limit)
    {
        // Missing is treated as transient (a store that is not yet consistent); MaxAttempts bounds the wait.
        await using var stream = await store.OpenReadAsync(UploadKey, CancellationToken.None)
            ?? throw new InvalidOperationException($"The upload object {UploadKey} is not in storage.");
        return await BoundedStreamReader.ReadAllAsync(stream, limit, CancellationToken.None)
            ?? throw new MediaRejectedException($"The upload is larger than the {limit} bytes declared for it.");
    }

    private async Task FailAsync(string reason)
    {
        State.Status = MediaStatus.Failed;
        State.FailureReason = reason;
        State.NextAttemptAt = null;
        await SettleReminderAsync();
        await SaveAsync();
    }

    private async Task DeleteQuietlyAsync(string key)
    {
        try
        {
            await uploads.DiscardAsync(key, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogCleanupFailed(ex, MediaId, key); // a leftover upload object costs storage, nothing else
        }
    }

    private int ValidateChunk(UploadChunk chunk, MediaUploadSlot slot)
    {
        if (chunk.TotalBytes <= 0 || chunk.Bytes.Length == 0)
        {
            throw DomainException.InvalidInput("The upload is empty.");
        }

        if (chunk.TotalBytes > slot.SizeBytes)
        {
            throw DomainException.InvalidInput($"The upload is {chunk.TotalBytes} bytes, larger than the {slot.SizeBytes} bytes declared for it.");
        }

        if (State.TotalBytes is { } total && total != chunk.TotalBytes)
        {
            throw DomainException.InvalidInput($"Every chunk must state the same total size ({total} bytes).");
        }

        var chunkSize = State.ChunkSize;
        if (chunk.Offset < 0 || chunk.Offset >= chunk.TotalBytes || chunk.Offset % chunkSize != 0)
        {
            throw DomainException.InvalidInput($"A chunk must start at a multiple of the chunk size ({chunkSize} bytes) inside the upload.");
        }

        var expected = Math.Min(chunkSize, chunk.TotalBytes - chunk.Offset);
        if (chunk.Bytes.Length != expected)
        {
            throw DomainException.InvalidInput($"The chunk at byte {chunk.Offset} must be {expected} bytes long, not {chunk.Bytes.Length}.");
        }

        return (int)(chunk.Offset / chunkSize);
    }

    private async Task SaveAsync(bool clear = false)
    {
        await _writing.WaitAsync();
        try
        {
            await (clear ? media.ClearStateAsync() : media.WriteStateAsync());
        }
        finally
        {
            _writing.Release();
            // Every change of status goes through here; a failed write leaves the status in memory, and that is what
            // the timer acts on, so the count follows it either way.
            CountInQueue();
        }
    }

    private void CountInQueue() => SetInQueue(Status == MediaStatus.Processing);

    private void SetInQueue(bool inQueue)
    {
        if (inQueue != _inQueue)
        {
            _inQueue = inQueue;
            MediaMetrics.QueueDepth.Add(inQueue ? 1 : -1);
        }
    }

    private int ChunkCount(long totalBytes) => (int)((totalBytes + State.ChunkSize - 1) / State.ChunkSize);

    private void CheckOwner(long requestedBy)
    {
        if (State.Slot is not { } slot)
        {
            throw DomainException.NotFound("media");
        }

        // Someone else's media is invisible to the caller until it is posted: 404, never a hint that it exists.
        if (slot.OwnerId != requestedBy)
        {
            throw DomainException.NotFound("media");
        }
    }

    private TimeSpan CleanupDue() => Max(State.Slot!.ExpiresAt + Options.UploadGracePeriod - time.GetUtcNow(), TimeSpan.Zero);

    private void ScheduleWake(TimeSpan due)
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

    // A Blob SAS cannot be revoked: until the slot expires its holder may PUT the upload blob again, after processing
    // too. Such an item keeps its reminder until then, and the blob is deleted at expiry whatever the status.
    private bool HoldsWritableSasUrl =>
        State.Route == MediaUploadRoute.Direct && State.Stored is null && State.Slot is { } slot
        && time.GetUtcNow() < slot.ExpiresAt + Options.UploadGracePeriod;

    /// <summary>A finished item lets its reminder go, unless its SAS URL is still writable.</summary>
    private async Task SettleReminderAsync()
    {
        if (HoldsWritableSasUrl)
        {
            await EnsureReminderAsync();
            ScheduleWake(CleanupDue());
        }
        else
        {
            await DropReminderAsync();
        }
    }

    private async Task EnsureReminderAsync()
    {
        if (!State.HasReminder)
        {
            var due = Min(Options.ReminderPeriod, CleanupDue());
            await this.RegisterOrUpdateReminder(ReminderName, due, Options.ReminderPeriod);
            State.HasReminder = true;
        }
    }

    // Once nothing is left to finish, the item stops holding a reminder. A failure here is retried by the next tick.
    private async Task DropReminderAsync(bool force = false)
    {
        if (!State.HasReminder && !force)
        {
            return;
        }

        try
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            State.HasReminder = false;
        }
        catch (Exception ex) when (!force)
        {
            LogReminderNotDropped(ex, MediaId);
        }
    }

    private MediaProgress Progress()
    {
        var slot = State.Slot!;
        var received = State.UploadComplete
            ? State.TotalBytes ?? 0
            : State.TotalBytes is { } total ? State.ReceivedChunks.Sum(i => Math.Min(State.ChunkSize, total - (i * State.ChunkSize))) : 0;
        return new MediaProgress(MediaId, Status, State.Route, State.ContentType ?? slot.ContentType, slot.SizeBytes, State.ChunkSize,
            State.TotalBytes, received, [.. State.ReceivedChunks.Order()], slot.ExpiresAt, View(), State.FailureReason, State.Attempts);
    }

    private MediaView View()
    {
        if (State.Stored is { } stored)
        {
            return new MediaView(MediaId, "image", stored.Width, stored.Height,
                new MediaVariants(stored.OriginalUrl, stored.OriginalUrl, stored.OriginalUrl, stored.OriginalUrl));
        }

        // The URLs are known from the start; they serve bytes once the item is ready.
        var variants = new MediaVariants(VariantUrl(MediaKeys.Thumbnail), VariantUrl(MediaKeys.Small), VariantUrl(MediaKeys.Medium), VariantUrl(MediaKeys.Full));
        var ready = Status == MediaStatus.Ready;
        return new MediaView(MediaId, "image", ready ? State.Width : State.HeaderWidth, ready ? State.Height : State.HeaderHeight,
            variants, Status, State.FailureReason);
    }

    private string VariantUrl(string variant) => store.PublicUrl(MediaKeys.Variant(MediaId, UrlToken, variant));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Media {MediaId} processed: {ContentType}, full variant {Width}x{Height}")]
    private partial void LogProcessed(long mediaId, string contentType, int width, int height);

    [LoggerMessage(Level = LogLevel.Information, Message = "Media {MediaId} rejected: {Reason}")]
    private partial void LogRejected(long mediaId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Media {MediaId}: the upload expired unfinished; staged bytes deleted")]
    private partial void LogExpired(long mediaId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId}: processing attempt {Attempt} failed; retrying in {Delay}")]
    private partial void LogRetrying(Exception exception, long mediaId, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Media {MediaId}: processing failed {Attempts} times; giving up")]
    private partial void LogGaveUp(Exception exception, long mediaId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId}: could not delete {Key}")]
    private partial void LogCleanupFailed(Exception exception, long mediaId, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId}: could not move on; trying again shortly")]
    private partial void LogWakeFailed(Exception exception, long mediaId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId}: could not drop its reminder; the next tick will")]
    private partial void LogReminderNotDropped(Exception exception, long mediaId);
}
