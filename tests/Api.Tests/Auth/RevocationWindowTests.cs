using System.Net;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Auth;

/// <summary>A revoked access token stays dead past its expiry and the clock skew validation allows, not only until its expiry.</summary>
public sealed class RevocationWindowTests(ShortTokenApiFactory factory) : IClassFixture<ShortTokenApiFactory>
{
    [Fact]
    public async Task ALoggedOutAccessTokenNeverWorksAgain()
    {
        var user = await ApiClient.RegisterAsync(factory);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.PostAsync("/v1/auth/logout", null)).StatusCode);
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);

        // Past the token's expiry but within the 30 s of clock skew its signature check still accepts.
        await Task.Delay(ShortTokenApiFactory.AccessTokenLifetime + TimeSpan.FromSeconds(2));
        await ProblemAssert.IsProblemAsync(await user.Http.GetAsync("/v1/users/me"), HttpStatusCode.Unauthorized);
    }
}
