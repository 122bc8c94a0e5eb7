namespace Instagram.Grains.Media;

/// <summary>
/// The upload half of <see cref="MediaGrain"/>: the slot, the chunks that come through the Api, the direct upload the
/// grain must find in storage itself (Blob Storage raises no event here, so it polls with backoff from the moment the
/// slot is issued), the expiry of an abandoned upload, and the durable reminder that backs up the grain's timer while
/// something is left to finish or clean up. Completion is never the client's word. Once every byte is there the status
/// becomes processing and <see cref="MediaProcessingPipeline"/> takes over.
/// </summary>
internal sealed partial class MediaUploadSession(
    IMediaHost host,
    IMediaUploadStore uploads,
    MediaProcessingOptions options,
    TimeProvider time,
    ILogger logger)
{
    public const string ReminderName = "media-lifecycle";

    private TimeSpan _pollDelay = options.UploadPollInterval;

    private MediaState State => host.State;

    private string UploadKey => MediaKeys.Upload(host.MediaId);

    // A Blob SAS cannot be revoked: until the slot expires its holder may PUT the upload blob again, after processing
    // too. Such an item keeps its reminder until then, and the blob is deleted at expiry whatever the status.
    private bool HoldsWritableSasUrl =>
        State.Route == MediaUploadRoute.Direct && State.Stored is null && State.Slot is { } slot
        && time.GetUtcNow() < slot.ExpiresAt + options.UploadGracePeriod;

    /// <summary>The slot as an upload must respect it: <c>Completed</c> once every byte arrived.</summary>
    public MediaUploadSlot? Slot => State.Slot is { } slot ? slot with { Completed = State.UploadComplete || State.Stored is not null } : null;

    public async Task<MediaUploadTicket> CreateAsync(MediaUploadSlot slot)
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
        var chunkSize = slot.ChunkSize > 0 ? Math.Clamp(slot.ChunkSize, MediaProcessingOptions.MinChunkSizeBytes, options.ChunkSizeBytes) : options.ChunkSizeBytes;
        State.ChunkSize = Math.Max(1, Math.Min(chunkSize, slot.SizeBytes));
        State.Slot = slot with { Completed = false, Route = route, ChunkSize = State.ChunkSize };
        State.Status = MediaStatus.Uploading;
        State.Route = route;
        if (route == MediaUploadRoute.Direct)
        {
            // Anything may land in storage from now on, so cleanup must survive this activation.
            await EnsureReminderAsync();
        }

        await host.SaveAsync();
        if (route == MediaUploadRoute.Direct)
        {
            host.WakeIn(_pollDelay);
        }

        return new MediaUploadTicket(route, State.ChunkSize, directUrl?.ToString());
    }

    public async Task ReceiveChunkAsync(UploadChunk chunk)
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

        if (State.Status == MediaStatus.Failed)
        {
            throw DomainException.Conflict($"This upload can no longer be used: {State.FailureReason}");
        }

        var index = ValidateChunk(chunk, slot);
        if (index == 0 && !VideoFormat.IsVideo(slot.ContentType) && ImageSniffer.Detect(chunk.Bytes) is { HasSize: true } header)
        {
            if (header.Pixels > options.MaxPixels)
            {
                throw DomainException.Unprocessable($"The image is {header.Width}x{header.Height} pixels; at most {options.MaxPixels:N0} pixels are accepted.");
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
            await host.SaveAsync();
            host.WakeIn(TimeSpan.Zero);
        }
        else
        {
            await EnsureReminderAsync(); // staged chunks must be cleaned up if the upload is abandoned
            await host.SaveAsync();
            host.WakeIn(CleanupDue());
        }
    }

    /// <summary>The uploader's "I am done": a direct upload is looked for in storage now; anything still missing is refused.</summary>
    public async Task CheckCompleteAsync()
    {
        if (State.Status != MediaStatus.Uploading)
        {
            return;
        }

        if (State.Route == MediaUploadRoute.Direct && await DiscoverDirectUploadAsync())
        {
            host.WakeIn(TimeSpan.Zero);
            return;
        }

        throw DomainException.Unprocessable(State.Route == MediaUploadRoute.Direct
            ? "The upload is not in storage yet: PUT the blob (or commit its block list) first."
            : $"The upload is incomplete: {State.ReceivedChunks.Count} of {(State.TotalBytes is { } total ? ChunkCount(total) : "?")} chunks arrived.");
    }

    /// <summary>Whether a direct upload is in storage already; only looks, so interleaved reads may ask.</summary>
    public async Task<bool> HasDirectUploadLandedAsync() =>
        State.Route == MediaUploadRoute.Direct && await uploads.GetLengthAsync(UploadKey, CancellationToken.None) is not null;

    /// <summary>Ends the session with media stored and checked elsewhere (<see cref="IMediaTestSeam"/>).</summary>
    public async Task RegisterStoredAsync(StoredMedia stored)
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
            host.StopWaking();
            await DropReminderAsync();
            await host.SaveAsync();
        }
    }

    /// <summary>
    /// One look while the bytes are awaited: true when they just turned out complete (process now); otherwise an
    /// abandoned upload expires, or the next look is scheduled (direct uploads back off up to UploadPollMaxInterval).
    /// </summary>
    public async Task<bool> PollAsync()
    {
        var slot = State.Slot!;
        var now = time.GetUtcNow();
        if (State.Route == MediaUploadRoute.Direct && await DiscoverDirectUploadAsync())
        {
            return true;
        }

        if (now >= slot.ExpiresAt + options.UploadGracePeriod)
        {
            await ExpireAsync();
        }
        else if (State.Route == MediaUploadRoute.Direct)
        {
            host.WakeIn(Min(_pollDelay, CleanupDue()));
            _pollDelay = Min(_pollDelay * 2, options.UploadPollMaxInterval);
        }
        else
        {
            host.WakeIn(CleanupDue());
        }

        return false;
    }

    /// <summary>
    /// For a ready or failed item: waits out a writable SAS URL, then deletes whatever was PUT through it after
    /// processing and lets the reminder go.
    /// </summary>
    public async Task CloseAsync()
    {
        if (HoldsWritableSasUrl)
        {
            host.WakeIn(CleanupDue()); // the reminder stays until the slot expires
            return;
        }

        if (State.HasReminder)
        {
            if (State.Route == MediaUploadRoute.Direct)
            {
                await DiscardQuietlyAsync();
            }

            await DropReminderAsync();
            await host.SaveAsync();
        }
    }

    /// <summary>Ends the item as failed: an expired upload, a rejected image, or processing that gave up.</summary>
    public async Task FailAsync(string reason)
    {
        State.Status = MediaStatus.Failed;
        State.FailureReason = reason;
        State.NextAttemptAt = null;
        await SettleReminderAsync();
        await host.SaveAsync();
    }

    /// <summary>A finished item lets its reminder go, unless its SAS URL is still writable.</summary>
    public async Task SettleReminderAsync()
    {
        if (HoldsWritableSasUrl)
        {
            await EnsureReminderAsync();
            host.WakeIn(CleanupDue());
        }
        else
        {
            await DropReminderAsync();
        }
    }

    // Once nothing is left to finish, the item stops holding a reminder. A failure here is retried by the next tick.
    public async Task DropReminderAsync(bool force = false)
    {
        if (!State.HasReminder && !force)
        {
            return;
        }

        try
        {
            if (await host.GetReminder(ReminderName) is { } reminder)
            {
                await host.UnregisterReminder(reminder);
            }

            State.HasReminder = false;
        }
        catch (Exception ex) when (!force)
        {
            LogReminderNotDropped(ex, host.MediaId);
        }
    }

    /// <summary>Deletes the upload object and everything staged for it.</summary>
    public Task DiscardAsync() => uploads.DiscardAsync(UploadKey, CancellationToken.None);

    public async Task DiscardQuietlyAsync()
    {
        try
        {
            await DiscardAsync();
        }
        catch (Exception ex)
        {
            LogCleanupFailed(ex, host.MediaId, UploadKey); // a leftover upload object costs storage, nothing else
        }
    }

    private async Task<bool> DiscoverDirectUploadAsync()
    {
        var length = await uploads.GetLengthAsync(UploadKey, CancellationToken.None);
        if (length is null || State.Status != MediaStatus.Uploading)
        {
            return false;
        }

        State.TotalBytes = length;
        State.UploadComplete = true;
        State.Status = MediaStatus.Processing;
        await host.SaveAsync();
        return true;
    }

    private async Task ExpireAsync()
    {
        await DiscardAsync();
        LogExpired(host.MediaId);
        await FailAsync("The upload did not complete before its URL expired.");
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

    private int ChunkCount(long totalBytes) => (int)((totalBytes + State.ChunkSize - 1) / State.ChunkSize);

    private TimeSpan CleanupDue() => Max(State.Slot!.ExpiresAt + options.UploadGracePeriod - time.GetUtcNow(), TimeSpan.Zero);

    private async Task EnsureReminderAsync()
    {
        if (!State.HasReminder)
        {
            var due = Min(options.ReminderPeriod, CleanupDue());
            await host.RegisterOrUpdateReminder(ReminderName, due, options.ReminderPeriod);
            State.HasReminder = true;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Media {MediaId}: the upload expired unfinished; staged bytes deleted")]
    private partial void LogExpired(long mediaId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId}: could not delete {Key}")]
    private partial void LogCleanupFailed(Exception exception, long mediaId, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId}: could not drop its reminder; the next tick will")]
    private partial void LogReminderNotDropped(Exception exception, long mediaId);
}
