namespace Instagram.Silo.Tests.MultiRegion;

/// <summary>
/// What the simulated link between two regions does to a change: a one-way delay drawn uniformly from
/// [<see cref="MinDelay"/>, <see cref="MaxDelay"/>], the message lost on the way, or the acknowledgement lost on the way
/// back (so the sender sends again what was already applied), and the sender's pause before a retry.
/// </summary>
public sealed record LinkFaults(TimeSpan MinDelay, TimeSpan MaxDelay, double MessageLoss, double AckLoss, TimeSpan RetryAfter, int MaxAttempts = 50);
