using Instagram.Grains.Media;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Instagram.Grains.Tests.Media;

/// <summary>The image pipeline itself, without a cluster: what it accepts, what it refuses, what it writes.</summary>
public sealed class MediaProcessorTests
{
    private readonly MediaProcessor _processor = new(Options.Create(new MediaProcessingOptions()), NullLogger<MediaProcessor>.Instance);

    [Fact]
    public void VariantsHaveTheirExactSizes()
    {
        var result = _processor.Process(MediaImages.Jpeg(2000, 1500), ImageFormat.Jpeg);

        Assert.Equal(ImageFormat.Jpeg, result.ContentType);
        Assert.Equal([MediaKeys.Thumbnail, MediaKeys.Small, MediaKeys.Medium, MediaKeys.Full], result.Variants.Select(v => v.Name));
        Assert.Equal([(150, 150), (320, 240), (640, 480), (1080, 810)], result.Variants.Select(v => (v.Width, v.Height)));
        foreach (var variant in result.Variants)
        {
            var (width, height, _) = MediaImages.Inspect(variant.Bytes);
            Assert.Equal((variant.Width, variant.Height), (width, height));
            Assert.Equal("RIFF"u8.ToArray(), variant.Bytes[..4]); // WebP
        }
    }

    [Fact]
    public void SmallImagesAreNotEnlargedButTheThumbnailIsAlwaysSquare()
    {
        var result = _processor.Process(MediaImages.Png(300, 100), ImageFormat.Png);

        Assert.Equal([(150, 150), (300, 100), (300, 100), (300, 100)], result.Variants.Select(v => (v.Width, v.Height)));
    }

    [Fact]
    public void ExifOrientationIsAppliedAndAllMetadataIncludingGpsIsStripped()
    {
        var original = MediaImages.Jpeg(400, 200, orientation: 6, gps: true);
        var (_, _, fields) = MediaImages.Inspect(original);
        Assert.Contains("exif-ifd3-GPSLatitude", fields); // the test image really carries a location

        var result = _processor.Process(original, ImageFormat.Jpeg);

        // Orientation 6 means "rotate 90° clockwise to display": the stored 400x200 shows as 200x400.
        Assert.Equal((200, 400), (result.Full.Width, result.Full.Height));
        foreach (var variant in result.Variants)
        {
            var (_, _, variantFields) = MediaImages.Inspect(variant.Bytes);
            Assert.False(MediaImages.HasMetadata(variantFields), $"{variant.Name} still has metadata: {string.Join(", ", variantFields)}");
        }
    }

    [Fact]
    public void WebPAndAvifAreAccepted()
    {
        Assert.Equal(ImageFormat.WebP, _processor.Process(MediaImages.WebP(64, 48), ImageFormat.WebP).ContentType);
        var avif = _processor.Process(MediaImages.Avif(64, 48), ImageFormat.Avif);
        Assert.Equal(ImageFormat.Avif, avif.ContentType);
        Assert.Equal((64, 48), (avif.Full.Width, avif.Full.Height));
    }

    [Fact]
    public void ADecompressionBombIsRefusedFromItsHeader()
    {
        var bomb = MediaImages.PngBomb();
        Assert.True(bomb.Length < 1024);

        var error = Assert.Throws<MediaRejectedException>(() => _processor.Process(bomb, ImageFormat.Png));

        Assert.Contains("50000x50000 pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnythingButAnAcceptedImageIsRefused()
    {
        Assert.Contains("not an image", Assert.Throws<MediaRejectedException>(() => _processor.Process("GIF89a, or is it"u8.ToArray(), ImageFormat.Png)).Message, StringComparison.Ordinal);
        Assert.Contains("HEIC", Assert.Throws<MediaRejectedException>(() => _processor.Process(MediaImages.Heic(), ImageFormat.Avif)).Message, StringComparison.Ordinal);
        Assert.Contains("declared as image/jpeg", Assert.Throws<MediaRejectedException>(() => _processor.Process(MediaImages.Png(8, 8), ImageFormat.Jpeg)).Message, StringComparison.Ordinal);
        Assert.Contains("could not be decoded", Assert.Throws<MediaRejectedException>(() => _processor.Process(MediaImages.CorruptPng(), ImageFormat.Png)).Message, StringComparison.Ordinal);
        var truncated = MediaImages.Jpeg(800, 600);
        Assert.Contains("could not be decoded", Assert.Throws<MediaRejectedException>(() => _processor.Process(truncated[..(truncated.Length / 2)], ImageFormat.Jpeg)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherFormatsNeverReachALoader()
    {
        // GIF, TIFF, SVG and the rest are not sniffed as images, and their libvips loaders are blocked besides.
        using var image = NetVips.Image.Black(8, 8);
        Assert.Null(ImageSniffer.DetectType(image.GifsaveBuffer()));
        Assert.Null(ImageSniffer.DetectType(image.TiffsaveBuffer()));
        Assert.Throws<NetVips.VipsException>(() => NetVips.Image.NewFromBuffer(image.GifsaveBuffer()));
    }

    [Fact]
    public async Task PausingHoldsNewWorkUntilResumed()
    {
        var pause = _processor.Pause();
        var slot = _processor.AcquireAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(slot.IsCompleted);

        pause.Dispose();
        (await slot.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }
}
