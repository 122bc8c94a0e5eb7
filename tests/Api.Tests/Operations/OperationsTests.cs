using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Infrastructure.Errors;
using Instagram.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instagram.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(ApiFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsAnswerWithoutAToken(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(path)).StatusCode);

    [Fact]
    public async Task OpenApiDocumentDescribesTheApi()
    {
        var document = await _http.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject();
        Assert.Contains("/v1/feed", paths.Select(p => p.Key));
        Assert.Contains("/v1/auth/register", paths.Select(p => p.Key));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/scalar/v1")).StatusCode);
    }

    /// <summary>
    /// docs/openapi.json is the HTTP contract as built, kept in the repository for readers without a running Api. It
    /// must equal what the Api serves; after an intended change, regenerate it with UPDATE_OPENAPI=1 and this test.
    /// </summary>
    [Fact]
    public async Task TheCommittedOpenApiDocumentIsTheOneTheApiServes()
    {
        var served = (await _http.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        served.Remove("servers"); // the test host's address, not part of the contract
        var text = served.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        var committed = Path.Combine(RepositoryRoot(), "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(committed)!);
            await File.WriteAllTextAsync(committed, text);
        }

        Assert.True(File.Exists(committed), $"{committed} is missing: run this test once with UPDATE_OPENAPI=1.");
        Assert.True(text == (await File.ReadAllTextAsync(committed)).ReplaceLineEndings("\n"),
            "docs/openapi.json differs from what the Api serves: run this test with UPDATE_OPENAPI=1 and commit the file.");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Instagram.Orleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Instagram.Orleans.sln) is not above the test output.");
    }

    [Fact]
    public async Task TheDashboardIsNotServedUnlessEnabled()
    {
        var admin = await ApiClient.RegisterAsync(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task UnknownRoutesAreProblemDetails() =>
        await ProblemAssert.IsProblemAsync(await _http.GetAsync("/v1/nothing-here"), HttpStatusCode.NotFound);

    [Fact]
    public async Task UnexpectedFailuresAnswerAGeneric500WithoutInternals()
    {
        var handler = new ApiExceptionHandler(factory.Services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), TimeProvider.System, NullLogger<ApiExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = factory.Services };
        context.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(context, new InvalidOperationException("secret connection string"), CancellationToken.None));

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var body = await JsonSerializer.DeserializeAsync<JsonObject>(context.Response.Body);
        Assert.DoesNotContain("secret", body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(500, body["status"]!.GetValue<int>());
    }
}
