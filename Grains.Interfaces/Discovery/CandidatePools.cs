namespace Instagram.Grains.Discovery;

/// <summary>The keys of the <see cref="IExploreCandidatesGrain"/> pools: one pool type, filled from post events.</summary>
public static class CandidatePools
{
    /// <summary>Every public post of the last 24 hours (explore).</summary>
    public const long Explore = 0;

    /// <summary>Public reels of the last 24 hours (the reels feed).</summary>
    public const long Reels = 1;
}
