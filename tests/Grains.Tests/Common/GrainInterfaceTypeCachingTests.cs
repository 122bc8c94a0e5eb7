using Instagram.Grains.Feed;
using Instagram.Silo.Hosting;
using Instagram.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Serialization.TypeSystem;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Common;

[Collection(EmbeddedCollection.Name)]
public sealed class GrainInterfaceTypeCachingTests(EmbeddedClusterFixture fixture)
{
    private IServiceProvider SiloServices => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;

    [Fact]
    public void TheSiloResolvesGrainInterfaceTypesThroughTheCache()
    {
        var providers = SiloServices.GetServices<IGrainInterfaceTypeProvider>().ToArray();
        Assert.Contains(providers, provider => provider is CachedGrainInterfaceTypeProvider);
        Assert.DoesNotContain(providers, provider => provider is AttributeGrainInterfaceTypeProvider);
    }

    [Fact]
    public void EveryGrainInterfaceKeepsTheTypeOrleansGivesItWithoutTheCache()
    {
        // The interface type travels in every message, so a cached silo must agree with an uncached one.
        var converter = SiloServices.GetRequiredService<TypeConverter>();
        var uncached = new GrainInterfaceTypeResolver([new AttributeGrainInterfaceTypeProvider(SiloServices)], converter);
        var cached = new CachedGrainInterfaceTypeProvider(SiloServices, converter);
        var interfaces = typeof(IFeedGrain).Assembly.GetTypes()
            .Where(type => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type))
            .ToArray();

        Assert.True(interfaces.Length > 20, $"expected the product's grain interfaces, found {interfaces.Length}");
        foreach (var type in interfaces)
        {
            var expected = uncached.GetGrainInterfaceType(type);
            for (var attempt = 0; attempt < 2; attempt++)
            {
                Assert.True(cached.TryGetGrainInterfaceType(type, out var actual));
                Assert.Equal(expected, actual);
            }
        }
    }
}
