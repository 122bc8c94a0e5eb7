using System.Diagnostics;
using Instagram.Grains.Abstractions;

namespace Instagram.Grains.Media;

/// <summary>
/// The processing half of <see cref="MediaGrain"/>: once <see cref="MediaUploadSession"/> has every byte, it validates
/// the image and writes the original and the variants, on the grain's timer and off every request path. Storage
/// failures are retried with exponential backoff up to <see cref="MediaProcessingOptions.MaxAttempts"/>; a bad image
/// fails at once.
/// </summary>
internal sealed partial class MediaProcessingPipeline(
    IMediaHost host,
    MediaUploadSession upload,
    IMediaStore store,
    MediaProcessor processor,
    MediaProcessingOptions options,
    TimeProvider time,
    ILogger logger)
{
    private MediaState State => host.State;

    private long MediaId => host.MediaId;

    private string UploadKey => MediaKeys.Upload(MediaId);

    /// <summary>Processes now, unless a retry's backoff has not run out yet (then wakes the grain when it has).</summary>
    public async Task RunWhenDueAsync()
    {
        var now = time.GetUtcNow();
        if (State.NextAttemptAt is { } next && next > now)
        {
            host.WakeIn(next - now);
            return;
        }

        await ProcessAsync();
    }

    public async Task ProcessAsync()
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
            var token = host.UrlToken;
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
            await upload.SettleReminderAsync();
            await host.SaveAsync();
            await upload.DiscardQuietlyAsync();
            MediaMetrics.RecordProcessing(started, "processed");
            LogProcessed(MediaId, processed.ContentType, processed.Full.Width, processed.Full.Height);
        }
        catch (MediaRejectedException ex)
        {
            MediaMetrics.RecordProcessing(started, "rejected");
            LogRejected(MediaId, ex.Message);
            await upload.DiscardQuietlyAsync();
            await upload.FailAsync(ex.Message);
        }
        catch (Exception ex) when (ex is not DomainException)
        {
            MediaMetrics.RecordProcessing(started, "retry");
            State.Attempts++;
            if (State.Attempts >= options.MaxAttempts)
            {
                LogGaveUp(ex, MediaId, State.Attempts);
                await upload.FailAsync($"Processing failed {State.Attempts} times (storage unavailable); upload the image again.");
                return;
            }

            var delay = options.RetryDelay * Math.Pow(2, State.Attempts - 1);
            LogRetrying(ex, MediaId, State.Attempts, delay);
            State.NextAttemptAt = time.GetUtcNow() + delay;
            await host.SaveAsync();
            host.WakeIn(delay);
        }
    }

    /// <summary>Deletes what processing writes (the original and the variants), whether or not it got that far.</summary>
    public async Task DeleteOutputsAsync()
    {
        foreach (var key in MediaKeys.All(MediaId, State.UrlToken).Where(k => k != UploadKey))
        {
            await store.DeleteAsync(key, CancellationToken.None);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Media {MediaId} processed: {ContentType}, full variant {Width}x{Height}")]
    private partial void LogProcessed(long mediaId, string contentType, int width, int height);

    [LoggerMessage(Level = LogLevel.Information, Message = "Media {MediaId} rejected: {Reason}")]
    private partial void LogRejected(long mediaId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId}: processing attempt {Attempt} failed; retrying in {Delay}")]
    private partial void LogRetrying(Exception exception, long mediaId, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Media {MediaId}: processing failed {Attempts} times; giving up")]
    private partial void LogGaveUp(Exception exception, long mediaId, int attempts);
}
