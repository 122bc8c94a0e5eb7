using Instagram.Api.Tests.Cluster;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

/// <summary>
/// Message reports on the Cluster profile (PostgreSQL state, Azurite media): users act through the first Api instance,
/// read through the second, and the admin works on the second.
/// </summary>
[Trait("Category", "Services")]
[Collection(ClusterApiCollection.Name)]
public sealed class ClusterMessageReportsTests(ClusterApiFixture cluster) : MessageReportTests
{
    protected override Task<ApiClient> RegisterAsync(string prefix) => ApiClient.RegisterAsync(cluster.First, prefix);

    protected override HttpClient Reader(ApiClient user) => cluster.OnSecondInstance(user);

    protected override HttpClient CreateClient() => cluster.Second.CreateClient();
}
