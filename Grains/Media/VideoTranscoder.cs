using System.Globalization;
using System.Text;

namespace Instagram.Grains.Media;

/// <summary>
/// Checks a video with ffprobe and transcodes it with ffmpeg into an HLS ladder of H.264/AAC rungs (360p, 720p and
/// 1080p, named by the short side, only those the source reaches: never upscaled), 3-second MPEG-TS segments, a
/// master playlist and a full-size JPEG poster. ffmpeg applies the rotation (autorotate) and every output is written
/// without metadata (<c>-map_metadata -1</c>: a phone's GPS <c>location</c> tag goes). One instance per silo bounds
/// how many videos are transcoded at once (<see cref="MediaProcessingOptions.VideoConcurrency"/>).
/// </summary>
public sealed class VideoTranscoder(FfmpegRunner runner, IOptions<MediaProcessingOptions> options)
{
    public const string MasterPlaylist = "master.m3u8";
    public const string Poster = "poster.jpg";
    public const int SegmentSeconds = 3;

    /// <summary>The ladder, by short side; each rung's video bit-rate ceiling in kbit/s.</summary>
    public static readonly IReadOnlyDictionary<int, int> Ladder = new SortedDictionary<int, int> { [360] = 800, [720] = 2800, [1080] = 5000 };

    private const int AudioKbps = 128;

    private readonly MediaProcessingOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(options.Value.VideoConcurrency);

    public static string RungPlaylist(int rung) => $"{rung}p.m3u8";

    /// <summary>Waits for a transcoding slot; dispose the result to free it.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    /// <summary>Reads the headers and checks the limits (duration, size, pixels, frame rate) before anything is decoded.</summary>
    /// <exception cref="MediaRejectedException">The file is no video, or one beyond the limits.</exception>
    public async Task<VideoProbe> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-i", path],
            null, _options.VideoTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new MediaRejectedException($"The video could not be read: it is damaged, truncated or not a video ({LastLine(result.StandardError)}).");
        }

        var probe = VideoProbe.Parse(result.StandardOutput);
        if (probe.DurationMs > _options.MaxVideoDuration.TotalMilliseconds)
        {
            throw new MediaRejectedException(string.Create(CultureInfo.InvariantCulture,
                $"The video is {probe.DurationMs / 1000.0:0.#} s long; at most {_options.MaxVideoDuration.TotalSeconds:0} s are accepted."));
        }

        if (probe.CodedWidth <= 0 || probe.CodedHeight <= 0)
        {
            throw new MediaRejectedException("The video's frame size could not be read.");
        }

        if (Math.Max(probe.CodedWidth, probe.CodedHeight) > _options.MaxVideoDimension || (long)probe.CodedWidth * probe.CodedHeight > _options.MaxVideoPixels)
        {
            throw new MediaRejectedException(string.Create(CultureInfo.InvariantCulture,
                $"The video is {probe.CodedWidth}x{probe.CodedHeight}; at most {_options.MaxVideoDimension} pixels a side and {_options.MaxVideoPixels:N0} pixels a frame are accepted."));
        }

        if (probe.FrameRate > _options.MaxVideoFrameRate)
        {
            throw new MediaRejectedException(string.Create(CultureInfo.InvariantCulture,
                $"The video runs at {probe.FrameRate:0.#} frames a second; at most {_options.MaxVideoFrameRate} are accepted."));
        }

        return probe;
    }

    /// <summary>Transcodes <paramref name="source"/> into <paramref name="directory"/> (one ffmpeg run: decoded once, every rung and the poster from it).</summary>
    /// <exception cref="MediaRejectedException">ffmpeg could not decode or transcode it.</exception>
    public async Task<TranscodedVideo> TranscodeAsync(string source, VideoProbe probe, string directory, CancellationToken cancellationToken)
    {
        var rungs = Ladder.Keys.Where(r => r <= probe.ShortSide).ToList();
        if (rungs.Count == 0)
        {
            rungs.Add(Even(probe.ShortSide)); // smaller than the lowest rung: one rung at its own size
        }

        var arguments = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", source };
        foreach (var rung in rungs)
        {
            arguments.AddRange(RungArguments(rung, probe));
        }

        // The poster: a frame a second in (a first frame is often black), full size, without metadata.
        var posterAt = Math.Min(1.0, probe.DurationMs / 2000.0).ToString("0.###", CultureInfo.InvariantCulture);
        arguments.AddRange(["-map", "0:v:0", "-ss", posterAt, "-frames:v", "1", "-q:v", "2", "-map_metadata", "-1", "-map_chapters", "-1",
            "-fflags", "+bitexact", "-flags:v", "+bitexact", Poster]);

        var result = await runner.RunAsync("ffmpeg", arguments, directory, _options.VideoTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new MediaRejectedException($"The video could not be decoded: it is damaged or uses an unsupported codec ({LastLine(result.StandardError)}).");
        }

        await File.WriteAllTextAsync(Path.Combine(directory, MasterPlaylist), Master(rungs, probe), cancellationToken);
        var files = Directory.GetFiles(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (!files.Contains(Poster) || rungs.Any(r => !files.Contains(RungPlaylist(r))))
        {
            throw new MediaRejectedException("The video could not be transcoded: ffmpeg wrote no poster or playlist.");
        }

        return new TranscodedVideo(directory, files, rungs);
    }

    private static string[] RungArguments(int rung, VideoProbe probe)
    {
        var (width, height) = Size(rung, probe);
        var kbps = Ladder.TryGetValue(rung, out var ceiling) ? ceiling : Ladder.Values.First();
        var name = rung.ToString(CultureInfo.InvariantCulture);
        return
        [
            "-map", "0:v:0", "-map", "0:a:0?", // no audio in, no audio out
            "-vf", $"scale={width}:{height},format=yuv420p",
            "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-crf", "23",
            "-maxrate", $"{kbps}k", "-bufsize", $"{2 * kbps}k",
            // A key frame every segment length, so every segment starts with one and they stay near 3 s.
            "-force_key_frames", $"expr:gte(t,n_forced*{SegmentSeconds})", "-sc_threshold", "0",
            "-c:a", "aac", "-b:a", $"{AudioKbps}k", "-ac", "2",
            "-map_metadata", "-1", "-map_chapters", "-1",
            "-f", "hls", "-hls_time", $"{SegmentSeconds}", "-hls_playlist_type", "vod", "-hls_segment_type", "mpegts",
            "-hls_flags", "independent_segments", "-hls_segment_filename", $"{name}p_%03d.ts", RungPlaylist(rung),
        ];
    }

    // Rotation applied: the short side becomes the rung, the other side keeps the aspect (even, as H.264 4:2:0 needs).
    private static (int Width, int Height) Size(int rung, VideoProbe probe)
    {
        var longSide = Even((int)Math.Round((double)Math.Max(probe.Width, probe.Height) * rung / probe.ShortSide));
        return probe.Width >= probe.Height ? (longSide, rung) : (rung, longSide);
    }

    private static string Master(IReadOnlyList<int> rungs, VideoProbe probe)
    {
        var master = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var rung in rungs)
        {
            var (width, height) = Size(rung, probe);
            var kbps = (Ladder.TryGetValue(rung, out var ceiling) ? ceiling : Ladder.Values.First()) + (probe.HasAudio ? AudioKbps : 0);
            master.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:BANDWIDTH={kbps * 1000},RESOLUTION={width}x{height}\n{RungPlaylist(rung)}\n");
        }

        return master.ToString();
    }

    private static int Even(int value) => Math.Max(2, value - (value % 2));

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";

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
}
