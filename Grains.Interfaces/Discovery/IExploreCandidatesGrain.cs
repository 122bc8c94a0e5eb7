namespace Instagram.Grains.Discovery;

/// <summary>
/// A pool of discovery candidates (keys in <see cref="CandidatePools"/>: explore, reels): public posts of the last 24
/// hours, newest kept, with their engagement.
/// </summary>
[Alias("Instagram.Grains.Discovery.IExploreCandidatesGrain")]
public interface IExploreCandidatesGrain : IGrainWithIntegerKey
{
    [OneWay, Alias("AddAsync")] Task AddAsync(ExploreCandidate candidate);

    [OneWay, Alias("RemoveAsync")] Task RemoveAsync(long postId);

    /// <summary>Candidates with engagement velocity, refreshed at most once a minute.</summary>
    [AlwaysInterleave, Alias("GetScoredAsync")] Task<ScoredCandidate[]> GetScoredAsync();
}

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Discovery.ExploreCandidate")]
public sealed record ExploreCandidate(
    [property: Id(0)] long PostId,
    [property: Id(1)] long AuthorId,
    [property: Id(2)] string[] Hashtags,
    [property: Id(3)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Discovery.ScoredCandidate")]
public sealed record ScoredCandidate(
    [property: Id(0)] ExploreCandidate Candidate,
    [property: Id(1)] double Velocity);
