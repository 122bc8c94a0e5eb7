using System.Diagnostics;
using Instagram.Grains.Abstractions;

namespace Instagram.Grains.Media;

/// <summary>
/// The processing half of <see cref="MediaGrain"/>: once <see cref="MediaUploadSession"/> has every byte, it validates
/// the image or video and writes the original and the public files (an image's variants; a video's HLS ladder, poster
/// and the poster's variants), on the grain's timer and off every request path. Storage failures (and a transcode that
/// timed out) are retried with exponential backoff up to <see cref="MediaProcessingOptions.MaxAttempts"/>; bad bytes
/// fail at once.
/// </summary>
internal sealed partial class MediaProcessingPipeline(
    IMediaHost host,
    MediaUploadSession upload,
    IMediaStore store,
    MediaProcessor processor,
    VideoTranscoder video,
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

            if (VideoFormat.IsVideo(slot.ContentType))
            {
                await ProcessVideoAsync(slot);
            }
            else
            {
                await ProcessImageAsync(slot);
            }

            State.Status = MediaStatus.Ready;
            State.NextAttemptAt = null;
            await upload.SettleReminderAsync();
            await host.SaveAsync();
            await upload.DiscardQuietlyAsync();
            MediaMetrics.RecordProcessing(started, "processed");
            LogProcessed(MediaId, State.ContentType!, State.Width, State.Height);
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
                var cause = ex is TimeoutException ? "the transcode ran out of time" : "storage unavailable";
                await upload.FailAsync($"Processing failed {State.Attempts} times ({cause}); upload it again.");
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
        foreach (var key in MediaKeys.All(MediaId, State.UrlToken, State.VideoFiles).Where(k => k != UploadKey))
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
    }

    private async Task ProcessImageAsync(MediaUploadSlot slot)
    {
        ProcessedImage processed;
        byte[] original;
        using (await processor.AcquireAsync(CancellationToken.None))
        {
            original = await ReadUploadAsync(slot.SizeBytes);
            processed = await Task.Run(() => processor.Process(original, slot.ContentType));
        }

        // Original first, variants next, state last: a retry after a crash anywhere in between rewrites the
        // same objects with the same bytes, so nobody ever sees a variant change.
        await store.WriteAsync(MediaKeys.Original(MediaId), original, processed.ContentType, CancellationToken.None);
        await WriteVariantsAsync(processed);
        State.ContentType = processed.ContentType;
        State.Width = processed.Full.Width;
        State.Height = processed.Full.Height;
        State.TotalBytes = original.Length;
    }

    private async Task ProcessVideoAsync(MediaUploadSlot slot)
    {
        var work = Directory.CreateTempSubdirectory($"instagram-media-{MediaId}-");
        try
        {
            // Reading and probing are as cheap as an image's header: they take an image slot (and wait out a Pause),
            // the transcode its own.
            var source = Path.Combine(work.FullName, "source");
            byte[] original;
            VideoProbe probe;
            using (await processor.AcquireAsync(CancellationToken.None))
            {
                original = await ReadUploadAsync(slot.SizeBytes);
                CheckContainer(original, slot.ContentType);
                await File.WriteAllBytesAsync(source, original);
                probe = await video.ProbeAsync(source, CancellationToken.None);
            }

            // Known before the transcode waits for its slot: a story checks the duration as soon as it is here.
            State.ContentType = slot.ContentType;
            State.DurationMs = probe.DurationMs;
            (State.Width, State.Height) = (State.HeaderWidth, State.HeaderHeight) = (probe.Width, probe.Height);
            State.TotalBytes = original.Length;
            await host.SaveAsync();

            var output = work.CreateSubdirectory("out").FullName;
            TranscodedVideo transcoded;
            ProcessedImage poster;
            using (await video.AcquireAsync(CancellationToken.None))
            {
                transcoded = await video.TranscodeAsync(source, probe, output, CancellationToken.None);
                var posterBytes = await File.ReadAllBytesAsync(Path.Combine(output, VideoTranscoder.Poster));
                poster = await Task.Run(() => processor.Process(posterBytes, ImageFormat.Jpeg));
            }

            // Named in the record before any is written, so a deletion finds them whatever happens next.
            State.VideoFiles = [.. transcoded.Files];
            await host.SaveAsync();
            await store.WriteAsync(MediaKeys.Original(MediaId), original, slot.ContentType, CancellationToken.None);
            // Segments before the playlists naming them, the master last: a playlist never names a missing file.
            foreach (var file in transcoded.Files.OrderBy(f => f == VideoTranscoder.MasterPlaylist ? 2 : f.EndsWith(".m3u8", StringComparison.Ordinal) ? 1 : 0))
            {
                var bytes = await File.ReadAllBytesAsync(Path.Combine(output, file));
                await store.WriteAsync(MediaKeys.File(MediaId, host.UrlToken, file), bytes, MediaKeys.ContentTypeOf(file)!, CancellationToken.None);
            }

            await WriteVariantsAsync(poster);
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    private static void CheckContainer(byte[] bytes, string declared)
    {
        switch (VideoSniffer.Detect(bytes))
        {
            case null:
                throw new MediaRejectedException($"The bytes are not a video of an accepted type ({string.Join(", ", VideoFormat.Accepted)}).");
            case var container when container != VideoFormat.ContainerOf(declared):
                throw new MediaRejectedException($"The upload was declared as {declared} but the bytes are a {(container == VideoContainer.Ebml ? "WebM" : "MP4 or QuickTime")} file.");
        }
    }

    private async Task WriteVariantsAsync(ProcessedImage processed)
    {
        foreach (var variant in processed.Variants)
        {
            await store.WriteAsync(MediaKeys.Variant(MediaId, host.UrlToken, variant.Name), variant.Bytes, MediaKeys.VariantContentType, CancellationToken.None);
        }
    }

    private void DeleteQuietly(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException ex)
        {
            LogTempNotDeleted(ex, MediaId, directory.FullName);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId}: could not delete the work folder {Path}")]
    private partial void LogTempNotDeleted(Exception exception, long mediaId, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Media {MediaId} processed: {ContentType}, {Width}x{Height}")]
    private partial void LogProcessed(long mediaId, string contentType, int width, int height);

    [LoggerMessage(Level = LogLevel.Information, Message = "Media {MediaId} rejected: {Reason}")]
    private partial void LogRejected(long mediaId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media {MediaId}: processing attempt {Attempt} failed; retrying in {Delay}")]
    private partial void LogRetrying(Exception exception, long mediaId, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Media {MediaId}: processing failed {Attempts} times; giving up")]
    private partial void LogGaveUp(Exception exception, long mediaId, int attempts);
}
