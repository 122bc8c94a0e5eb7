using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Silo.Hosting;

public static class GrainInterfaceTypeCaching
{
    /// <summary>
    /// Puts <see cref="CachedGrainInterfaceTypeProvider"/> in the place of Orleans' attribute-reading provider (other
    /// providers keep theirs). Call it after Orleans registered its defaults, i.e. inside <c>UseOrleans</c> or
    /// <c>UseOrleansClient</c>; without that registration there is nothing to replace and nothing changes.
    /// </summary>
    public static IServiceCollection CacheGrainInterfaceTypes(this IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i].ServiceType == typeof(IGrainInterfaceTypeProvider)
                && services[i].ImplementationType == typeof(AttributeGrainInterfaceTypeProvider))
            {
                services[i] = ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, CachedGrainInterfaceTypeProvider>();
            }
        }

        return services;
    }
}
