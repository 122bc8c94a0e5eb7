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
