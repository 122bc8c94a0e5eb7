using System.Diagnostics;
using Instagram.Grains.Media;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Instagram.Grains.Tests.Media;

/// <summary>
/// How many images per second one silo's pipeline turns into variants (all four WebP variants, default settings,
/// one image per core at a time): prints a figure for a 12-megapixel JPEG and a 1080p PNG, asserts only that it ran.
/// </summary>
public sealed class MediaThroughputMeasurement(ITestOutputHelper output)
{
    [Fact]
    public async Task MeasureImagesPerSecond()
    {
        var options = new MediaProcessingOptions();
        var processor = new MediaProcessor(Options.Create(options), NullLogger<MediaProcessor>.Instance);
        var photo = MediaImages.Textured(4000, 3000, ImageFormat.Jpeg); // 12 MP, as a phone camera takes
        var screenshot = MediaImages.Textured(1920, 1080, ImageFormat.Png);
        foreach (var (name, bytes, type) in new[] { ("12 MP JPEG", photo, ImageFormat.Jpeg), ("1080p PNG", screenshot, ImageFormat.Png) })
        {
            processor.Process(bytes, type); // warm up
            const int images = 4;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, images).Select(async _ =>
            {
                using (await processor.AcquireAsync(CancellationToken.None))
                {
                    await Task.Run(() => processor.Process(bytes, type));
                }
            }));
            clock.Stop();
            var rate = images / clock.Elapsed.TotalSeconds;
            output.WriteLine($"{name} ({bytes.Length / 1024} KiB): {rate:F1} images/s on {Environment.ProcessorCount} cores ({options.EffectiveConcurrency} at a time, WebP effort {options.WebpEffort})");
            Assert.True(rate > 0);
        }
    }
}
