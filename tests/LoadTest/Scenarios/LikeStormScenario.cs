using Instagram.LoadTest.Reporting;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// One post, many likers. Likes are not built yet: no grain has a like method (Grains.Interfaces/Posts/IPostGrain has
/// none) and the Api has no /v1/posts/{id}/like route, so the scenario reports that and does nothing.
/// </summary>
public sealed class LikeStormScenario : Scenario
{
    public const string NotAvailable = "not available: likes are not implemented";

    public override string Name => "like-storm";

    public override string Description => "One post, many likers (idempotent likes, counts may lag).";

    public override string KeyMetric => "likes/s";

    public override string? Unsupported(ScenarioContext context) => NotAvailable;

    public override Task<SystemResult> RunAsync(ScenarioContext context) => throw new NotSupportedException(NotAvailable);
}
