namespace Instagram.LoadTest.Capacity;

/// <summary>The machines the plan is counted in, and how full they may run.</summary>
public sealed record Deployment
{
    public Sourced SiloCores { get; init; } = Sourced.Assumed(8, "8 vCPU per silo");

    public Sourced SiloMemoryBytes { get; init; } = Sourced.Assumed(32e9, "32 GB per silo");

    /// <summary>Share of a silo's memory grain activations may take (the rest: runtime, buffers, GC headroom).</summary>
    public Sourced ActivationMemoryShare { get; init; } = Sourced.Assumed(0.6, "60 % of a silo's memory for activations");

    public Sourced ApiCores { get; init; } = Sourced.Assumed(4, "4 vCPU per Api instance");

    public Sourced PostgresCoresPerServer { get; init; } = Sourced.Assumed(16, "16 vCPU per PostgreSQL server (or Citus worker)");

    /// <summary>Redis executes commands on one thread: a shard is one core's worth.</summary>
    public Sourced RedisCoresPerShard { get; init; } = new(1, "Redis runs commands on one thread per shard");

    /// <summary>Busy share every CPU is planned to at the peak: headroom for a lost machine, GC and skew.</summary>
    public Sourced TargetUtilisation { get; init; } = Sourced.Assumed(0.6, "plan CPUs to 60 % busy at the peak");
}
