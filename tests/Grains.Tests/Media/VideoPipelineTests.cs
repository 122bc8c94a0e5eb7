using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Instagram.Grains.Abstractions;
using Instagram.Grains.Common.Errors;
using Instagram.Grains.Media;
using Instagram.Grains.Posts;
using Instagram.Grains.Stories;
using Instagram.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Media;

/// <summary>
/// Videos through the upload route and the ffmpeg pipeline behind it, with clips made by ffmpeg at test time: the HLS
/// ladder (never upscaled), rotation applied, metadata gone, the bad ones failed with a reason and nothing published.
/// </summary>
public abstract partial class VideoPipelineTests(ClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);

    private IGrainFactory Grains => fixture.Grains;

    private IMediaStore Store => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredService<IMediaStore>();

    [Fact]
    public async Task ALandscapeClipBecomesAThreeRungLadderWithAPoster()
    {
        var (mediaId, view) = await UploadAsync(TestVideos.Mp4(1920, 1080, 3), VideoFormat.Mp4, MediaStatus.Ready);

        Assert.Equal(MediaView.VideoType, view.Type);
        Assert.Equal((1920, 1080), (view.Width, view.Height));
        Assert.InRange(view.Video!.DurationMs, 2900, 3100);
        Assert.EndsWith($"/media/{mediaId}/{TokenOf(view)}/master.m3u8", view.Video.HlsUrl, StringComparison.Ordinal);
        var master = await ReadTextAsync(mediaId, view, "master.m3u8");
        Assert.Equal(["360p.m3u8", "720p.m3u8", "1080p.m3u8"], PlaylistEntries(master));
        Assert.Contains("RESOLUTION=1920x1080", master, StringComparison.Ordinal);
        foreach (var (rung, width) in new[] { (360, 640), (720, 1280), (1080, 1920) })
        {
            var segments = await CheckRungAsync(mediaId, view, rung);
            var streams = Streams(TestVideos.Probe(await ReadAsync(mediaId, view, segments[0]), ".ts"));
            Assert.Contains(streams, s => s.Type == "video" && s.Codec == "h264" && (s.Width, s.Height) == (width, rung));
            Assert.Contains(streams, s => s.Type == "audio" && s.Codec == "aac");
        }

        var poster = Streams(TestVideos.Probe(await ReadAsync(mediaId, view, "poster.jpg"), ".jpg")).Single();
        Assert.Equal((1920, 1080), (poster.Width, poster.Height)); // full size, 16:9
        var (thumbWidth, thumbHeight, _) = MediaImages.Inspect(await ReadAsync(mediaId, view, "thumbnail.webp"));
        Assert.Equal((150, 150), (thumbWidth, thumbHeight));
    }

    [Fact]
    public async Task APortraitClipWithoutSoundIsNeverUpscaledAndGetsNoAudioTrack()
    {
        var (mediaId, view) = await UploadAsync(TestVideos.Mp4(720, 1280, 2, audio: false), VideoFormat.Mp4, MediaStatus.Ready);

        Assert.Equal((720, 1280), (view.Width, view.Height));
        Assert.Equal(["360p.m3u8", "720p.m3u8"], PlaylistEntries(await ReadTextAsync(mediaId, view, "master.m3u8"))); // by the short side; no 1080p
        var segments = await CheckRungAsync(mediaId, view, 720);
        var streams = Streams(TestVideos.Probe(await ReadAsync(mediaId, view, segments[0]), ".ts"));
        Assert.Equal((720, 1280), streams.Single().Size);
        Assert.Equal("video", streams.Single().Type);
    }

    [Fact]
    public async Task ARotationFlagIsAppliedAndNoneIsLeft()
    {
        var (mediaId, view) = await UploadAsync(TestVideos.Rotated(640, 360, 2), VideoFormat.Mp4, MediaStatus.Ready);

        Assert.Equal((360, 640), (view.Width, view.Height));
        var segments = await CheckRungAsync(mediaId, view, 360);
        var probe = TestVideos.Probe(await ReadAsync(mediaId, view, segments[0]), ".ts");
        Assert.Equal((360, 640), Streams(probe).Single(s => s.Type == "video").Size);
        Assert.DoesNotContain("rotat", probe.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var poster = TestVideos.Probe(await ReadAsync(mediaId, view, "poster.jpg"), ".jpg");
        Assert.Equal((360, 640), Streams(poster).Single().Size);
    }

    [Fact]
    public async Task AGpsLocationIsInNoOutput()
    {
        var clip = TestVideos.WithLocation(640, 360, 2);
        Assert.Contains("51.5074", TestVideos.Probe(clip).RootElement.GetRawText(), StringComparison.Ordinal); // the source has it

        var (mediaId, view) = await UploadAsync(clip, VideoFormat.Mp4, MediaStatus.Ready);

        var files = (await CheckRungAsync(mediaId, view, 360)).Concat(["360p.m3u8", "master.m3u8", "poster.jpg", "thumbnail.webp", "full.webp"]);
        foreach (var file in files)
        {
            var bytes = await ReadAsync(mediaId, view, file);
            Assert.DoesNotContain("51.5074", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
            if (file.EndsWith(".ts", StringComparison.Ordinal) || file.EndsWith(".jpg", StringComparison.Ordinal))
            {
                var probe = TestVideos.Probe(bytes, Path.GetExtension(file)).RootElement.GetRawText();
                Assert.DoesNotContain("location", probe.Replace("chroma_location", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task AWebmClipIsTranscodedToo()
    {
        var (mediaId, view) = await UploadAsync(TestVideos.WebM(480, 270, 1), VideoFormat.WebM, MediaStatus.Ready);

        Assert.Equal(["270p.m3u8"], PlaylistEntries(await ReadTextAsync(mediaId, view, "master.m3u8"))); // below the lowest rung: its own size
    }

    public static TheoryData<string, string> BadVideos => new()
    {
        { "too long", "at most 90 s" },
        { "truncated", "damaged, truncated" },
        { "audio only", "no video stream" },
        { "text", "not a video" },
        { "declared webm", "declared as video/webm" },
        { "too wide", "at most 4096 pixels a side" },
        { "too many pixels", "8,912,896 pixels a frame" },
    };

    [Theory, MemberData(nameof(BadVideos))]
    public async Task ABadVideoFailsWithItsReasonAndPublishesNothing(string kind, string reason)
    {
        var (bytes, declared) = kind switch
        {
            "too long" => (TestVideos.Mp4(160, 90, 100, audio: false, rate: 5), VideoFormat.Mp4),
            "truncated" => (TestVideos.Mp4(640, 360, 2)[..20_000], VideoFormat.Mp4),
            "audio only" => (TestVideos.AudioOnly(2), VideoFormat.Mp4),
            "text" => ("This is not a video at all, only words in a file named clip.mp4.\n"u8.ToArray(), VideoFormat.Mp4),
            "declared webm" => (TestVideos.Mp4(160, 90, 1), VideoFormat.WebM),
            // Resolution bombs: refused from the probe, before a frame is decoded.
            "too wide" => (TestVideos.Mp4(4112, 64, 0.1, audio: false), VideoFormat.Mp4),
            _ => (TestVideos.Mp4(4000, 2400, 0.1, audio: false), VideoFormat.QuickTime),
        };

        var (mediaId, view) = await UploadAsync(bytes, declared, MediaStatus.Failed);

        Assert.Contains(reason, view.FailureReason, StringComparison.Ordinal);
        foreach (var key in MediaKeys.All(mediaId, TokenOf(view), ["master.m3u8", "360p.m3u8", "360p_000.ts", "poster.jpg"]))
        {
            await using var stream = await Store.OpenReadAsync(key, CancellationToken.None);
            Assert.True(stream is null, $"{key} was published");
        }
    }

    [Fact]
    public async Task APostWithATooLongVideoFailsWithTheReason()
    {
        var clip = TestVideos.Mp4(160, 90, 100, audio: false, rate: 5);
        var post = Grains.GetGrain<IPostGrain>(fixture.Ids.NextId());
        long mediaId;
        using (PauseProcessing())
        {
            (mediaId, _) = await UploadAsync(clip, VideoFormat.Mp4, MediaStatus.Processing);
            Assert.Equal(PostStatus.Processing, await post.CreateAsync(new NewPost(_owners[mediaId], "too long", [mediaId], null)));
        }

        await Eventually.TrueAsync(async () => (await post.GetDetailsAsync())!.Status == PostStatus.Failed, "post failed", TimeSpan.FromSeconds(60));
        Assert.Contains("at most 90 s", (await post.GetDetailsAsync())!.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAVideoRemovesEveryFile()
    {
        var (mediaId, view) = await UploadAsync(TestVideos.Mp4(320, 180, 1), VideoFormat.Mp4, MediaStatus.Ready);
        var files = (await CheckRungAsync(mediaId, view, 180)).Concat(["180p.m3u8", "master.m3u8", "poster.jpg"]).ToList();

        await Grains.GetGrain<IMediaGrain>(mediaId).DeleteAsync();

        foreach (var key in MediaKeys.All(mediaId, TokenOf(view), files))
        {
            await using var stream = await Store.OpenReadAsync(key, CancellationToken.None);
            Assert.True(stream is null, $"{key} is still stored");
        }
    }

    [Fact]
    public async Task AStoryVideoLongerThanFifteenSecondsIsRefused()
    {
        // Straight after the upload, before the probe: the story waits for the duration.
        var (mediaId, _) = await UploadAsync(TestVideos.Mp4(160, 90, 20, audio: false, rate: 5), VideoFormat.Mp4, MediaStatus.Processing);
        var owner = _owners[mediaId];

        var error = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<IStoryGrain>(fixture.Ids.NextId()).CreateAsync(owner, mediaId));

        Assert.Equal(DomainErrorKind.Unprocessable, error.Kind);
        Assert.Contains("at most 15 s", error.Message, StringComparison.Ordinal);
        await Grains.GetGrain<IMediaGrain>(mediaId).ClaimAsync(owner, MediaUse.ForStory(fixture.Ids.NextId())); // the refused story gave it back
    }

    private readonly Dictionary<long, long> _owners = [];

    // Holds every silo's pipeline (a video's probe takes an image slot) so a test can see the waiting state.
    private IDisposable PauseProcessing()
    {
        var pauses = fixture.Cluster.Silos.Select(silo => ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<MediaProcessor>().Pause()).ToList();
        return new Resume(pauses);
    }

    private sealed class Resume(List<IDisposable> pauses) : IDisposable
    {
        public void Dispose() => pauses.ForEach(p => p.Dispose());
    }

    // Uploads through the grain's chunk route (as the Api does) and waits for the status.
    private async Task<(long MediaId, MediaView View)> UploadAsync(byte[] bytes, string contentType, MediaStatus until)
    {
        var owner = await _scenario.CreateUserAsync();
        var mediaId = fixture.Ids.NextId();
        _owners[mediaId] = owner;
        var media = Grains.GetGrain<IMediaGrain>(mediaId);
        var ticket = await media.CreateUploadAsync(new MediaUploadSlot(owner, contentType, bytes.Length, DateTimeOffset.UtcNow.AddMinutes(5), false, MediaUploadRoute.Api, 0));
        for (var offset = 0; offset < bytes.Length; offset += (int)ticket.ChunkSize)
        {
            await media.ReceiveChunkAsync(new UploadChunk(offset, bytes.Length, bytes[offset..Math.Min(offset + (int)ticket.ChunkSize, bytes.Length)]));
        }

        await Eventually.TrueAsync(async () => (await media.GetViewAsync())!.Status == until, $"media {until}", TimeSpan.FromSeconds(90));
        return (mediaId, (await media.GetViewAsync())!);
    }

    // A rung's playlist: VOD, 2-4 s segments named relatively, each stored. Returns the segment names.
    private async Task<List<string>> CheckRungAsync(long mediaId, MediaView view, int rung)
    {
        var playlist = await ReadTextAsync(mediaId, view, $"{rung}p.m3u8");
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", playlist, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-ENDLIST", playlist, StringComparison.Ordinal);
        var target = int.Parse(TargetDuration().Match(playlist).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(target, 1, 4);
        var segments = PlaylistEntries(playlist);
        Assert.NotEmpty(segments);
        foreach (var segment in segments)
        {
            Assert.Matches($"^{rung}p_\\d{{3}}\\.ts$", segment); // relative: works from any origin
            Assert.NotEmpty(await ReadAsync(mediaId, view, segment));
        }

        return segments;
    }

    private static List<string> PlaylistEntries(string playlist) =>
        [.. playlist.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#'))];

    private sealed record Stream(string Type, string Codec, int Width, int Height)
    {
        public (int, int) Size => (Width, Height);
    }

    private static List<Stream> Streams(JsonDocument probe) =>
    [
        .. probe.RootElement.GetProperty("streams").EnumerateArray().Select(s => new Stream(
            s.GetProperty("codec_type").GetString()!, s.GetProperty("codec_name").GetString()!,
            s.TryGetProperty("width", out var w) ? w.GetInt32() : 0, s.TryGetProperty("height", out var h) ? h.GetInt32() : 0)),
    ];

    private static string TokenOf(MediaView view) => view.Variants.Full.Split('/')[^2];

    private async Task<string> ReadTextAsync(long mediaId, MediaView view, string file) => Encoding.UTF8.GetString(await ReadAsync(mediaId, view, file));

    private async Task<byte[]> ReadAsync(long mediaId, MediaView view, string file)
    {
        var key = MediaKeys.File(mediaId, TokenOf(view), file);
        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None) ?? throw new InvalidOperationException($"{key} is not stored");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [GeneratedRegex(@"#EXT-X-TARGETDURATION:(\d+)")]
    private static partial Regex TargetDuration();
}

[Collection(EmbeddedCollection.Name)]
[Trait("Category", "Video")]
public sealed class EmbeddedVideoPipelineTests(EmbeddedClusterFixture fixture) : VideoPipelineTests(fixture);

/// <summary>The same on the Cluster profile: every playlist, segment and poster in Blob Storage (Azurite).</summary>
[Collection(ServicesCollection.Name)]
[Trait("Category", "Video")]
[Trait("Category", "Services")]
public sealed class ClusterProfileVideoPipelineTests(ServicesClusterFixture fixture) : VideoPipelineTests(fixture);
