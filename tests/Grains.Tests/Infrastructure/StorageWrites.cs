using System.Collections.Concurrent;
using Instagram.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Infrastructure;

/// <summary>
/// Counts the grain-state writes each grain makes and the bytes of what it wrote, so a test can see what one operation
/// costs in storage; and slows or fails a grain's writes on request. Test silos run in the test process, so the tally
/// is shared. Grain ids are fresh per test, so tests sharing a cluster do not see each other's writes.
/// </summary>
public static class StorageWrites
{
    private static readonly ConcurrentDictionary<GrainId, Tally> Tallies = new();

    public static Tally Of(GrainId grain) => Tallies.GetOrAdd(grain, _ => new Tally());

    public sealed class Tally
    {
        private int _writes;
        private long _bytes;
        private int _lastBytes;
        private int _failNext;

        public int Writes => _writes;

        /// <summary>Holds each write of this grain back this long before storing it: a slow store.</summary>
        public TimeSpan WriteDelay { get; set; }

        public long Bytes => Interlocked.Read(ref _bytes);

        /// <summary>Fails this grain's next write before it reaches the store: a store that refused it.</summary>
        public void FailNextWrite() => Interlocked.Exchange(ref _failNext, 1);

        internal bool TakeWriteFailure() => Interlocked.Exchange(ref _failNext, 0) == 1;

        /// <summary>The size of the latest write: what the grain's record holds now.</summary>
        public int LastBytes => _lastBytes;

        internal void Record(int bytes)
        {
            Interlocked.Increment(ref _writes);
            Interlocked.Add(ref _bytes, bytes);
            _lastBytes = bytes;
        }
    }

    /// <summary>Wraps the grain storage provider the profile registered (add after the profile's providers).</summary>
    public sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.ConfigureServices(services =>
        {
            var profile = services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, ProviderNames.GrainStorage));
            services.AddKeyedSingleton<IGrainStorage>(ProviderNames.GrainStorage, (sp, key) =>
                new CountingStorage((IGrainStorage)profile.KeyedImplementationFactory!(sp, key), sp.GetRequiredService<Serializer>()));
        });
    }

    // A provider that takes part in the silo lifecycle is also registered as a participant by resolving the keyed
    // service, which is now this decorator: it passes the lifecycle on.
    private sealed class CountingStorage(IGrainStorage inner, Serializer serializer) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (Of(grainId).WriteDelay is { Ticks: > 0 } delay)
            {
                await Task.Delay(delay);
            }

            if (Of(grainId).TakeWriteFailure())
            {
                throw new InjectedFaultException($"Injected failure of a write of {grainId}.");
            }

            await inner.WriteStateAsync(stateName, grainId, grainState);
            Of(grainId).Record(serializer.SerializeToArray(grainState.State).Length);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);

        public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
    }
}
