using Instagram.Grains.Abstractions;

namespace Instagram.Silo.Media;

public static class MediaStoreExtensions
{
    public static IServiceCollection AddLocalMediaStore(this IServiceCollection services)
    {
        services.AddValidatedOptions<LocalMediaOptions, LocalMediaOptionsValidator>(LocalMediaOptions.SectionName);
        services.AddSingleton<IMediaStore, LocalMediaStore>();
        return services;
    }
}
