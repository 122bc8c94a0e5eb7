using Instagram.Grains.Media;

namespace Instagram.Grains.Tests.Media;

/// <summary>The checks before ffmpeg decodes anything: the container's signature, the probe's reading, a missing or stuck tool.</summary>
public sealed class VideoChecksTests
{
    [Theory]
    [InlineData("isom", VideoContainer.IsoBmff)]
    [InlineData("qt  ", VideoContainer.IsoBmff)]
    [InlineData("mp42", VideoContainer.IsoBmff)]
    [InlineData("heic", null)] // an image in the same box format is no video
    public void AnFtypBoxIsKnownByItsBrands(string major, VideoContainer? expected)
    {
        byte[] box = [0, 0, 0, 20, .. "ftyp"u8, .. System.Text.Encoding.ASCII.GetBytes(major), 0, 0, 2, 0, .. "mif1"u8];

        Assert.Equal(expected, VideoSniffer.Detect(box));
    }

    [Fact]
    public void EbmlIsWebMAndTextIsNothing()
    {
        Assert.Equal(VideoContainer.Ebml, VideoSniffer.Detect([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81]));
        Assert.Null(VideoSniffer.Detect("hello, this is text named clip.mp4"u8));
        Assert.Null(VideoSniffer.Detect([]));
    }

    [Fact]
    public void TheProbeAppliesRotationAndIgnoresCoverArt()
    {
        const string Json = """
            {"streams":[
              {"codec_type":"video","codec_name":"mjpeg","width":600,"height":600,"disposition":{"attached_pic":1}},
              {"codec_type":"video","codec_name":"h264","width":1920,"height":1080,"avg_frame_rate":"30000/1001",
               "side_data_list":[{"side_data_type":"Display Matrix","rotation":-90}]},
              {"codec_type":"audio","codec_name":"aac"}],
             "format":{"duration":"12.345"}}
            """;

        var probe = VideoProbe.Parse(Json);

        Assert.Equal((1080, 1920, 1080), (probe.Width, probe.Height, probe.ShortSide));
        Assert.Equal(12345, probe.DurationMs);
        Assert.Equal("h264", probe.Codec);
        Assert.InRange(probe.FrameRate, 29.9, 30);
        Assert.True(probe.HasAudio);
    }

    [Fact]
    public void AFileWithOnlyCoverArtHasNoVideoStream()
    {
        const string Json = """{"streams":[{"codec_type":"audio"},{"codec_type":"video","width":600,"height":600,"disposition":{"attached_pic":1}}],"format":{"duration":"3"}}""";

        Assert.Equal("The file has no video stream.", Assert.Throws<MediaRejectedException>(() => VideoProbe.Parse(Json)).Message);
    }

    [Fact]
    public async Task AMissingToolFailsWithAReasonAndAStuckOneIsKilled()
    {
        var runner = new FfmpegRunner();

        var missing = await Assert.ThrowsAsync<MediaRejectedException>(() => runner.RunAsync("ffmpeg-that-is-not-installed", [], null, TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Equal(FfmpegRunner.NotInstalled, missing.Message);

        var started = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => runner.RunAsync("sleep", ["30"], null, TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }
}
