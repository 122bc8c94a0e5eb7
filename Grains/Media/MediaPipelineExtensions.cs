using Instagram.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Instagram.Grains.Media;

public static class MediaPipelineExtensions
{
    /// <summary>
    /// What <see cref="MediaGrain"/> needs besides the media store: the pipeline's options, the per-process image
    /// processor and video transcoder, and the store's upload side. The registered <see cref="IMediaStore"/> must also implement
    /// <see cref="IMediaUploadStore"/>. A cluster client may register this too; nothing is built until a grain asks.
    /// </summary>
    public static IServiceCollection AddMediaPipeline(this IServiceCollection services)
    {
        services.AddValidatedOptions<MediaProcessingOptions, MediaProcessingOptionsValidator>(MediaProcessingOptions.SectionName);
        services.TryAddSingleton<MediaProcessor>();
        services.TryAddSingleton<FfmpegRunner>();
        services.TryAddSingleton<VideoTranscoder>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IMediaStore>() as IMediaUploadStore
            ?? throw new InvalidOperationException($"The media store {sp.GetRequiredService<IMediaStore>().GetType().Name} does not take uploads (IMediaUploadStore)."));
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
