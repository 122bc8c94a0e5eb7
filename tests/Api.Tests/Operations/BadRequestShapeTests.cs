using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Operations;

/// <summary>
/// Every 400 is one shape, whatever refused the request (binding, JSON, annotations, a domain check): title
/// "Invalid input", a readable detail, and errors keyed by the field's JSON name, in our words.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadRequestShapeTests(ApiFactory factory)
{
    private static async Task<JsonObject> InvalidInputAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid input", problem["title"]!.GetValue<string>());
        Assert.NotNull(problem["errors"] as JsonObject);
        var text = problem.ToJsonString();
        Assert.DoesNotContain("Failed to bind", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", text, StringComparison.Ordinal);
        return problem;
    }

    private static void AssertField(JsonObject problem, string field, string message)
    {
        Assert.Equal([message], problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains(message, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/feed?limit=abc", "limit", "limit must be a whole number.")]
    [InlineData("/v1/feed?Limit=1.5", "limit", "limit must be a whole number.")]
    [InlineData("/v1/search/posts?lat=north", "lat", "lat must be a number.")]
    public async Task AMalformedQueryValueNamesTheParameter(string path, string field, string message)
    {
        var user = await ApiClient.RegisterAsync(factory);
        AssertField(await InvalidInputAsync(await user.Http.GetAsync(path)), field, message);
    }

    [Fact]
    public async Task AJsonValueOfTheWrongTypeNamesTheField()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var response = await user.Http.PatchAsync("/v1/users/me", new StringContent("""{"isPrivate":"yes"}""", Encoding.UTF8, "application/json"));
        AssertField(await InvalidInputAsync(response), "isPrivate", "isPrivate must be true or false.");
    }

    [Theory]
    [InlineData("{\"username\": \"abc\",", "The request body is not valid JSON (line 1, position 19).")]
    [InlineData("[]", "The request body must be an object.")]
    [InlineData("", "The request needs a JSON body.")]
    public async Task ABodyThatIsNotAJsonObjectIsARootError(string body, string message)
    {
        var response = await factory.CreateClient().PostAsync("/v1/auth/register", new StringContent(body, Encoding.UTF8, "application/json"));
        AssertField(await InvalidInputAsync(response), "$", message);
    }

    [Fact]
    public async Task AnnotationFailuresUseJsonNamesAndOurMessages()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var response = await user.Http.PostAsJsonAsync("/v1/posts", new { mediaIds = Array.Empty<string>(), location = new { name = "", lat = 91, lng = 0 } });
        var problem = await InvalidInputAsync(response);
        AssertField(problem, "mediaIds", "mediaIds must name at least 1 media item.");
        AssertField(problem, "location.name", "location.name is required.");
        AssertField(problem, "location.lat", "location.lat must be between -90 and 90.");
    }

    [Fact]
    public async Task ADomainCheckHasTheSameShape()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var problem = await InvalidInputAsync(await user.Http.GetAsync("/v1/feed?limit=0"));
        Assert.Equal("limit must be between 1 and 100.", problem["detail"]!.GetValue<string>());
        Assert.Empty(problem["errors"]!.AsObject());
    }
}
