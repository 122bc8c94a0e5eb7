using System.Diagnostics.Metrics;

namespace Instagram.Grains.Common;

/// <summary>Lookups of the silo-wide read-through caches (<see cref="SiloCache{TKey,TValue}"/>), by cache and result.</summary>
public static class CacheMetrics
{
    public const string MeterName = "Instagram.Caches";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Lookups = Meter.CreateCounter<long>("instagram.cache.lookups",
        description: "Lookups of a silo cache; the result tag says hit or miss, so hits / all is the hit rate");
}
