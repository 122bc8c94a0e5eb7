using System.Net;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Auth;

/// <summary>Requests Kestrel itself would refuse with an empty 400 reach the pipeline and get a problem detail.</summary>
[Collection(ForwardingCollection.Name)]
public sealed class MalformedRequestTests(ForwardingApiFactory factory)
{
    [Fact]
    public async Task ANonAsciiBearerTokenIsAnUnauthorizedProblem()
    {
        var client = factory.ClientFrom(factory.NewClientAddress());
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/users/me");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer tökén-ñot-ascii");
        await ProblemAssert.IsProblemAsync(await client.SendAsync(request), HttpStatusCode.Unauthorized);
    }
}
