using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Instagram.Api.Infrastructure.Errors.ServerRejections;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Auth;

/// <summary>
/// Requests Kestrel itself refuses get a problem detail, not an empty body: either they reach the pipeline (non-ASCII
/// header bytes) or Kestrel's own rejection is given a body on its way out.
/// </summary>
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

    public static TheoryData<string, int> RefusedByKestrel => new()
    {
        { "GET /v1/users/%00 HTTP/1.1\r\nHost: api\r\n\r\n", 400 },
        { "GET /v1/users/me HTTP/1.1\r\nHost: api\r\nno colon here\r\n\r\n", 400 },
        { "NOT-HTTP\r\n\r\n", 400 },
        { "GET /v1/users/me HTTP/1.1\r\nHost: api\r\nX-Big: " + new string('a', 40_000) + "\r\n\r\n", 431 },
        { "GET /" + new string('a', 10_000) + " HTTP/1.1\r\nHost: api\r\n\r\n", 414 },
        { "GET /v1/users/me HTTP/3.0\r\nHost: api\r\n\r\n", 505 },
    };

    [Theory]
    [MemberData(nameof(RefusedByKestrel))]
    public async Task ARequestKestrelRefusesIsAProblemDetail(string request, int status)
    {
        var responses = await ExchangeAsync(request);

        var response = Assert.Single(responses);
        AssertProblem(response, status);
    }

    [Fact]
    public async Task ARefusalAfterGoodRequestsOnOneConnectionLeavesTheirResponsesAlone()
    {
        const string good = "GET /health/live HTTP/1.1\r\nHost: api\r\n\r\n";
        var responses = await ExchangeAsync(good + good + "GET /a%00b HTTP/1.1\r\nHost: api\r\n\r\n");

        Assert.Equal(3, responses.Count);
        Assert.All(responses.Take(2), ok =>
        {
            Assert.Equal(200, ok.Status);
            Assert.Equal("Healthy", ok.Body);
        });
        AssertProblem(responses[2], 400);
    }

    [Fact]
    public void ResponsesOfTheApplicationAreNotRewritten()
    {
        // an error the Api answered itself has a content type; a head followed by body bytes is not a bare rejection
        Assert.Null(RejectedRequestProblems.Rewrite("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n"u8));
        Assert.Null(RejectedRequestProblems.Rewrite("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\nx"u8));
        Assert.Null(RejectedRequestProblems.Rewrite("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"u8)); // keeps the connection
        Assert.Null(RejectedRequestProblems.Rewrite("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8));
        Assert.NotNull(RejectedRequestProblems.Rewrite("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8));
    }

    private static void AssertProblem(RawResponse response, int status)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Equal(Encoding.UTF8.GetByteCount(response.Body).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("Content-Length"));
        var problem = JsonNode.Parse(response.Body)!.AsObject();
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
    }

    /// <summary>Writes raw bytes (HttpClient would refuse to send these) and reads every response until the server closes.</summary>
    private async Task<List<RawResponse>> ExchangeAsync(string request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(factory.NewClientAddress(), 0));
        await socket.ConnectAsync(IPAddress.Loopback, factory.BaseAddress.Port);
        await socket.SendAsync(Encoding.Latin1.GetBytes(request), SocketFlags.None);

        var received = new MemoryStream();
        var buffer = new byte[16_384];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return RawResponse.ParseAll(Encoding.Latin1.GetString(received.ToArray()));
    }
}
