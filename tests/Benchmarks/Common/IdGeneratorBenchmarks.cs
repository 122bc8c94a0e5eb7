using BenchmarkDotNet.Attributes;
using Instagram.Grains.Common;

namespace Instagram.Benchmarks.Common;

/// <summary>The Snowflake-style id generator the Api and the grains use for every user, post and media item.</summary>
[MemoryDiagnoser]
public class IdGeneratorBenchmarks
{
    private readonly IdGenerator _ids = new(17);
    private long _sample;

    [GlobalSetup]
    public void Setup() => _sample = _ids.NextId();

    [Benchmark]
    public long NextId() => _ids.NextId();

    /// <summary>Four threads drawing ids at once: the generator's lock under contention.</summary>
    [Benchmark(OperationsPerInvoke = 4 * 1_000)]
    public long NextIdFromFourThreads()
    {
        long last = 0;
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                Interlocked.Exchange(ref last, _ids.NextId());
            }
        });
        return last;
    }

    [Benchmark]
    public DateTimeOffset TimeOf() => IdGenerator.TimeOf(_sample);
}
