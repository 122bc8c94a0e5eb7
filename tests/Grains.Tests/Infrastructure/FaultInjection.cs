using System.Collections.Concurrent;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Infrastructure;

/// <summary>
/// Fails a grain call after it has done its work, once, for one grain: what a caller sees when the callee's silo dies
/// between writing and answering. Or holds a call back, once, as a slow dependency would. Armed per grain id, so tests sharing a cluster do not meet each other's faults.
/// Test silos run in the test process, so arming here reaches their call filter.
/// </summary>
public static class FaultInjection
{
    private static readonly ConcurrentDictionary<(GrainId Grain, string Method), int> Armed = new();
    private static readonly ConcurrentDictionary<(GrainId Grain, string Method), TimeSpan> Delays = new();
    private static readonly ConcurrentDictionary<(GrainId Grain, string Method), int> Refusals = new();

    public static void FailOnceAfter(GrainId grain, string method) => Armed[(grain, method)] = 1;

    /// <summary>Holds the next call of <paramref name="method"/> on <paramref name="grain"/> back by <paramref name="delay"/>: a slow storage or network.</summary>
    public static void DelayOnce(GrainId grain, string method, TimeSpan delay) => Delays[(grain, method)] = delay;

    /// <summary>Fails the next call of <paramref name="method"/> on <paramref name="grain"/> before it does anything: an unreachable silo.</summary>
    public static void FailOnceBefore(GrainId grain, string method) => Refusals[(grain, method)] = 1;

    public static bool IsArmed(GrainId grain, string method) => Armed.ContainsKey((grain, method));

    /// <summary>True while a <see cref="FailOnceBefore"/> has not met its call yet.</summary>
    public static bool IsRefusalArmed(GrainId grain, string method) => Refusals.ContainsKey((grain, method));

    internal static bool TakeFault(GrainId grain, string method) => Armed.TryRemove((grain, method), out _);

    public sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddIncomingGrainCallFilter(async context =>
        {
            if (Refusals.TryRemove((context.TargetId, context.ImplementationMethod.Name), out _))
            {
                throw new InjectedFaultException($"Injected fault before {context.ImplementationMethod.Name} on {context.TargetId}.");
            }

            if (Delays.TryRemove((context.TargetId, context.ImplementationMethod.Name), out var delay))
            {
                await Task.Delay(delay);
            }

            await context.Invoke();
            if (TakeFault(context.TargetId, context.ImplementationMethod.Name))
            {
                throw new InjectedFaultException($"Injected fault after {context.ImplementationMethod.Name} on {context.TargetId}.");
            }
        });
    }
}

public sealed class InjectedFaultException(string message) : Exception(message);
