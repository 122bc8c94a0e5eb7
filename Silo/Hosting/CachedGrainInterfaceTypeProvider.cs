using System.Collections.Concurrent;
using Orleans.Metadata;
using Orleans.Serialization.TypeSystem;

namespace Instagram.Silo.Hosting;

/// <summary>
/// Resolves each grain interface's <see cref="GrainInterfaceType"/> once per process. Orleans resolves it on every
/// <c>GetGrain</c> call by reading the interface's custom attributes (reflection) and, failing that, formatting its
/// type name; under the fan-out load test that was a tenth of the silo's CPU. The answer never changes for a type,
/// so it is computed the way Orleans computes it and then kept.
/// </summary>
public sealed class CachedGrainInterfaceTypeProvider(IServiceProvider services, TypeConverter typeConverter) : IGrainInterfaceTypeProvider
{
    private readonly GrainInterfaceTypeResolver _resolver = new([new AttributeGrainInterfaceTypeProvider(services)], typeConverter);
    private readonly ConcurrentDictionary<Type, GrainInterfaceType> _resolved = new();

    public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
    {
        grainInterfaceType = _resolved.GetOrAdd(type, static (type, resolver) => resolver.GetGrainInterfaceType(type), _resolver);
        return true;
    }
}
