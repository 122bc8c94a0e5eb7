using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Operations;

/// <summary>The document lists what a client can meet, not only successes, and lets Scalar send a token.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    private async Task<JsonObject> DocumentAsync() => (await _http.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

    private static JsonObject Operation(JsonObject document, string path, string method) => document["paths"]![path]![method]!.AsObject();

    private static string[] Statuses(JsonObject operation) => [.. operation["responses"]!.AsObject().Select(r => r.Key)];

    [Fact]
    public async Task TheFeedDeclaresItsErrorsBesidesOk()
    {
        var feed = Operation(await DocumentAsync(), "/v1/feed", "get");
        Assert.Equal(["200", "400", "401", "429", "503"], Statuses(feed));
        Assert.Equal("#/components/schemas/HttpValidationProblemDetails",
            feed["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task LoginDeclaresUnauthorized()
    {
        var login = Operation(await DocumentAsync(), "/v1/auth/login", "post");
        Assert.Contains("401", Statuses(login));
        Assert.Contains("400", Statuses(login));
        Assert.Contains("429", Statuses(login));
    }

    [Theory]
    [InlineData("/v1/users/{id}/follow", "post", "404")]
    [InlineData("/v1/users/{id}/follow", "post", "422")]
    [InlineData("/v1/auth/register", "post", "409")]
    [InlineData("/v1/posts/{id}", "delete", "403")]
    [InlineData("/v1/media/uploads", "post", "413")]
    [InlineData("/v1/media/uploads", "post", "415")]
    public async Task RoutesDeclareTheirOwnProblems(string path, string method, string status) =>
        Assert.Contains(status, Statuses(Operation(await DocumentAsync(), path, method)));

    [Fact]
    public async Task ABearerSchemeIsRequiredExactlyWhereATokenIs()
    {
        var document = await DocumentAsync();
        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());

        static bool RequiresToken(JsonObject operation) =>
            operation["security"]?.AsArray().Any(requirement => requirement!.AsObject().ContainsKey("Bearer")) == true;
        Assert.True(RequiresToken(Operation(document, "/v1/feed", "get")));
        Assert.True(RequiresToken(Operation(document, "/v1/auth/logout", "post")));
        Assert.False(RequiresToken(Operation(document, "/v1/auth/login", "post")));
        Assert.False(RequiresToken(Operation(document, "/v1/media/uploads/{mediaId}", "put"))); // the signed URL is the credential
    }

    [Fact]
    public async Task QueryParametersHaveCamelCaseNames()
    {
        var document = await DocumentAsync();
        var names = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject())
            .SelectMany(operation => operation.Value!["parameters"]?.AsArray() ?? [])
            .Where(parameter => parameter!["in"]!.GetValue<string>() == "query")
            .Select(parameter => parameter!["name"]!.GetValue<string>())
            .Distinct()
            .ToList();

        Assert.Contains("cursor", names);
        Assert.Contains("radiusKm", names);
        Assert.All(names, name => Assert.True(char.IsLower(name[0]), $"query parameter '{name}' is not camelCase"));
    }

    [Fact]
    public async Task TheUploadPutDescribesItsBodyAndContentRange()
    {
        var document = await DocumentAsync();
        var put = Operation(document, "/v1/media/uploads/{mediaId}", "put");
        Assert.NotNull(put["requestBody"]!["content"]!["application/octet-stream"]);
        Assert.Contains(put["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Content-Range" && p["in"]!.GetValue<string>() == "header");
        Assert.Equal(["200", "202", "400", "403", "404", "409", "413", "415", "422", "429", "503"], Statuses(put));
        // The direct (Blob Storage) route is described where the client learns of it.
        Assert.Contains("azure-blob", Operation(document, "/v1/media/uploads", "post")["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
