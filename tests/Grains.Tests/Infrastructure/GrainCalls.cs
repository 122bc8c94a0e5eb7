using System.Collections.Concurrent;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Infrastructure;

/// <summary>Counts the calls each grain receives, by method, in test silos (which run in the test process).</summary>
public static class GrainCalls
{
    private static readonly ConcurrentDictionary<(GrainId Grain, string Method), int> Counts = new();

    public static int Of(GrainId grain, string method) => Counts.GetValueOrDefault((grain, method));

    public sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddIncomingGrainCallFilter(context =>
        {
            Counts.AddOrUpdate((context.TargetId, context.ImplementationMethod.Name), 1, (_, count) => count + 1);
            return context.Invoke();
        });
    }
}
