using BenchmarkDotNet.Attributes;
using Instagram.Grains.Media;
using Instagram.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Instagram.Benchmarks.Media;

/// <summary>
/// How fast one silo's pipeline turns uploads into variants (all four WebP variants, default settings): four images
/// at once through <see cref="MediaProcessor.AcquireAsync"/>, as a silo runs them, for a 12-megapixel JPEG (as a phone
/// camera takes) and a 1080p PNG. The mean is per image; images per second is its inverse.
/// </summary>
[MemoryDiagnoser]
public class MediaProcessorBenchmarks
{
    private const int ImagesAtOnce = 4;

    private MediaProcessor _processor = null!;
    private byte[] _bytes = [];
    private string _type = "";

    [Params("12 MP JPEG", "1080p PNG")]
    public string Image { get; set; } = "12 MP JPEG";

    [GlobalSetup]
    public void Setup()
    {
        _processor = new MediaProcessor(Options.Create(new MediaProcessingOptions()), NullLogger<MediaProcessor>.Instance);
        (_bytes, _type) = Image == "12 MP JPEG"
            ? (MediaImages.Textured(4000, 3000, ImageFormat.Jpeg), ImageFormat.Jpeg)
            : (MediaImages.Textured(1920, 1080, ImageFormat.Png), ImageFormat.Png);
    }

    [Benchmark(OperationsPerInvoke = ImagesAtOnce)]
    public Task ProcessImages() => Task.WhenAll(Enumerable.Range(0, ImagesAtOnce).Select(async _ =>
    {
        using (await _processor.AcquireAsync(CancellationToken.None))
        {
            await Task.Run(() => _processor.Process(_bytes, _type));
        }
    }));
}
