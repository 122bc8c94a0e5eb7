using NetVips;

namespace Instagram.Grains.Media;

/// <summary>
/// The image pipeline (libvips through NetVips): sniff the real type, refuse decompression bombs from the header
/// alone, decode with EXIF orientation applied, and encode the variants as WebP with every piece of metadata (EXIF
/// with GPS, XMP, IPTC, ICC) dropped. One instance per silo bounds how many images are decoded at once.
/// </summary>
/// <remarks>
/// Variants: thumbnail 150x150 (centre crop, enlarged if the image is smaller), small 320, medium 640 and full 1080
/// pixels wide, never enlarged, aspect kept. Only the JPEG, PNG, WebP and HEIF (AVIF) loaders are enabled in this
/// process, so no other libvips loader (SVG, PDF, TIFF, ...) can ever parse uploaded bytes.
/// </remarks>
public sealed partial class MediaProcessor
{
    public const int ThumbnailSize = 150;
    public const int SmallWidth = 320;
    public const int MediumWidth = 640;
    public const int FullWidth = 1080;

    private const int NoLimit = 10_000_000; // VIPS_MAX_COORD: "as tall as the aspect ratio makes it"

    private static readonly object InitLock = new();
    private static bool _initialised;
    private static ILogger? _vipsLogger;
    private static Log.LogDelegate? _logHandler;

    private readonly MediaProcessingOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly object _pauseLock = new();
    private TaskCompletionSource _resumed = Completed();
    private int _pauses;

    public MediaProcessor(IOptions<MediaProcessingOptions> options, ILogger<MediaProcessor> logger)
    {
        _options = options.Value;
        _slots = new SemaphoreSlim(_options.EffectiveConcurrency);
        InitialiseVips(logger);
    }

    /// <summary>Waits for a processing slot (and for <see cref="Pause"/> to end); dispose the result to free it.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task resumed;
            lock (_pauseLock)
            {
                resumed = _resumed.Task;
            }

            await resumed.WaitAsync(cancellationToken);
            await _slots.WaitAsync(cancellationToken);
            lock (_pauseLock)
            {
                if (_pauses == 0)
                {
                    return new Slot(_slots);
                }
            }

            _slots.Release();
        }
    }

    /// <summary>
    /// Holds every item that has not started yet in <see cref="MediaStatus.Processing"/> until the result is
    /// disposed (draining a silo before maintenance; tests use it to observe the waiting state).
    /// </summary>
    public IDisposable Pause()
    {
        lock (_pauseLock)
        {
            if (_pauses++ == 0)
            {
                _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Pausing(this);
    }

    /// <summary>Validates <paramref name="bytes"/> and makes the variants. CPU-bound: run it off the grain's scheduler.</summary>
    /// <exception cref="MediaRejectedException">The bytes can never become an image we serve.</exception>
    public ProcessedImage Process(byte[] bytes, string declaredContentType)
    {
        var format = ImageSniffer.Detect(bytes);
        switch (format?.ContentType)
        {
            case null:
                throw new MediaRejectedException($"The bytes are not an image of an accepted type ({string.Join(", ", ImageFormat.Accepted)}).");
            case ImageFormat.Heic:
                throw new MediaRejectedException($"HEIC images are not supported; upload {string.Join(", ", ImageFormat.Accepted)}.");
        }

        if (format.ContentType != declaredContentType)
        {
            throw new MediaRejectedException($"The upload was declared as {declaredContentType} but the bytes are {format.ContentType}.");
        }

        CheckPixels(format.Width, format.Height); // from our own header parse, before libvips sees the bytes
        try
        {
            int shrink;
            using (var header = Load(format.ContentType, bytes, shrink: 1, failOn: Enums.FailOn.None))
            {
                CheckPixels(header.Width, header.Height); // the loader's own view (AVIF, JPEGs whose frame header we did not reach)
                shrink = ShrinkOnLoad(header);
            }

            return new ProcessedImage(format.ContentType, MakeVariants(format.ContentType, bytes, shrink));
        }
        catch (VipsException ex)
        {
            throw new MediaRejectedException("The image could not be decoded: it is damaged, truncated or uses an unsupported encoding.", ex);
        }
    }

    private void CheckPixels(int width, int height)
    {
        if ((long)width * height > _options.MaxPixels)
        {
            throw new MediaRejectedException($"The image is {width}x{height} pixels; at most {_options.MaxPixels:N0} pixels are accepted.");
        }
    }

    // Opening an image is lazy: this reads the header, not the pixels. Decoding happens when the variants are made,
    // and fail-on-error makes damaged or truncated data an error instead of grey where the bytes ran out.
    private static Image Load(string contentType, byte[] bytes, int shrink, Enums.FailOn failOn) => contentType switch
    {
        ImageFormat.Jpeg => Image.JpegloadBuffer(bytes, shrink: shrink, access: Enums.Access.Sequential, failOn: failOn),
        ImageFormat.Png => Image.PngloadBuffer(bytes, access: Enums.Access.Sequential, failOn: failOn),
        ImageFormat.WebP => Image.WebploadBuffer(bytes, scale: 1.0 / shrink, access: Enums.Access.Sequential, failOn: failOn),
        ImageFormat.Avif => Image.HeifloadBuffer(bytes, access: Enums.Access.Sequential, failOn: failOn),
        _ => throw new MediaRejectedException($"No loader for {contentType}."),
    };

    // JPEG and WebP can decode at 1/2, 1/4, 1/8 size, much faster than decoding everything. Like libvips' own
    // thumbnail(), leave at least a factor of two for the real resize, which anti-aliases.
    private static int ShrinkOnLoad(Image header)
    {
        var orientation = header.Contains("orientation") ? Convert.ToInt32(header.Get("orientation"), System.Globalization.CultureInfo.InvariantCulture) : 1;
        var displayedWidth = orientation >= 5 ? header.Height : header.Width; // 5-8 swap the axes
        var factor = displayedWidth / (double)FullWidth;
        return factor >= 16 ? 8 : factor >= 8 ? 4 : factor >= 4 ? 2 : 1;
    }

    private ImageVariant[] MakeVariants(string contentType, byte[] bytes, int shrink)
    {
        using var loaded = Load(contentType, bytes, shrink, Enums.FailOn.Error);
        // thumbnail_image applies the EXIF orientation (and drops the tag), then sizes exactly.
        using var resized = loaded.ThumbnailImage(FullWidth, height: NoLimit, size: Enums.Size.Down);
        using var normalised = ToSrgb(resized);
        using var full = normalised.CopyMemory(); // decoded once, here; the smaller variants are cut from it
        using var medium = full.ThumbnailImage(MediumWidth, height: NoLimit, size: Enums.Size.Down, noRotate: true);
        using var small = full.ThumbnailImage(SmallWidth, height: NoLimit, size: Enums.Size.Down, noRotate: true);
        using var thumbnail = full.ThumbnailImage(ThumbnailSize, height: ThumbnailSize, size: Enums.Size.Both, crop: Enums.Interesting.Centre, noRotate: true);
        return
        [
            Encode(MediaKeys.Thumbnail, thumbnail),
            Encode(MediaKeys.Small, small),
            Encode(MediaKeys.Medium, medium),
            Encode(MediaKeys.Full, full),
        ];
    }

    // Browsers assume sRGB once the ICC profile is stripped: convert CMYK, 16-bit and other spaces first.
    private static Image ToSrgb(Image image)
    {
        var target = image.Bands >= 3 ? Enums.Interpretation.Srgb : Enums.Interpretation.Bw;
        if (image.Format == Enums.BandFormat.Uchar && (image.Interpretation == target || image.Interpretation == Enums.Interpretation.Multiband))
        {
            return image.Copy();
        }

        return image.Colourspace(target).Cast(Enums.BandFormat.Uchar);
    }

    // keep: None drops EXIF (GPS included), XMP, IPTC and the ICC profile.
    private ImageVariant Encode(string name, Image image) => new(name, image.Width, image.Height,
        image.WebpsaveBuffer(q: _options.WebpQuality, effort: _options.WebpEffort, keep: Enums.ForeignKeep.None));

    private static void InitialiseVips(ILogger logger)
    {
        lock (InitLock)
        {
            _vipsLogger = logger;
            if (_initialised)
            {
                return;
            }

            Cache.Max = 0; // every upload is new: caching operations would only hold memory
            NetVips.NetVips.BlockUntrusted = true;
            Operation.Block("VipsForeignLoad", true);
            foreach (var loader in new[] { "VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer", "VipsForeignLoadWebpBuffer", "VipsForeignLoadHeifBuffer" })
            {
                Operation.Block(loader, false);
            }

            // libvips warns on stderr about damaged input; route it to the log instead.
            _logHandler = static (domain, _, message) =>
            {
                if (_vipsLogger is { } log)
                {
                    LogVips(log, domain, message);
                }
            };
            Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info, _logHandler);
            _initialised = true;
        }
    }

    private void Resume()
    {
        lock (_pauseLock)
        {
            if (--_pauses == 0)
            {
                _resumed.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Domain}: {Message}")]
    private static partial void LogVips(ILogger logger, string domain, string message);

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }

    private sealed class Pausing(MediaProcessor processor) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                processor.Resume();
            }
        }
    }
}
