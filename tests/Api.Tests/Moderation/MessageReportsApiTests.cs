using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

/// <summary>Message reports on the Embedded profile.</summary>
[Collection(ApiCollection.Name)]
public sealed class MessageReportsApiTests(ApiFactory factory) : MessageReportTests
{
    protected override Task<ApiClient> RegisterAsync(string prefix) => ApiClient.RegisterAsync(factory, prefix);

    protected override HttpClient Reader(ApiClient user) => user.Http;

    protected override HttpClient CreateClient() => factory.CreateClient();
}
