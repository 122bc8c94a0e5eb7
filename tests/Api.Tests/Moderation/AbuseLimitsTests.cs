using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Moderation;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

[Collection(AbuseCollection.Name)]
public sealed class AbuseLimitsTests(AbuseApiFactory factory) : IDisposable
{
    private readonly ConcurrentBag<string> _refusals = [];
    private readonly MeterListener _listener = new();

    [Fact]
    public async Task FollowingTooManyAccountsInAnHourIsTooManyRequestsAndFollowsNobody()
    {
        Listen();
        var user = await ApiClient.RegisterAsync(factory);
        var targets = new List<ApiClient>();
        for (var i = 0; i <= AbuseApiFactory.FollowLimit; i++)
        {
            targets.Add(await ApiClient.RegisterAsync(factory));
        }

        foreach (var target in targets.Take(AbuseApiFactory.FollowLimit))
        {
            await user.FollowAsync(target);
        }

        var refused = await user.Http.PostAsync($"/v1/users/{targets[^1].Id}/follow", null);
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains($"followed {AbuseApiFactory.FollowLimit} accounts within an hour", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal(0, (await targets[^1].GetJsonAsync("/v1/users/me"))!["followerCount"]!.GetValue<long>());
        Assert.False((await user.GetJsonAsync($"/v1/users/{targets[^1].Username}"))!["isFollowing"]!.GetValue<bool>());

        // Following someone already counted again is no new follow; unfollowing is never limited.
        await user.FollowAsync(targets[0]);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.DeleteAsync($"/v1/users/{targets[0].Id}/follow")).StatusCode);
        Assert.Contains(AbuseReasons.FollowRate, _refusals);
    }

    [Fact]
    public async Task TheSameCommentOnTooManyPostsIsUnprocessableAndNotPosted()
    {
        Listen();
        var author = await ApiClient.RegisterAsync(factory);
        var spammer = await ApiClient.RegisterAsync(factory);
        var posts = new List<string>();
        for (var i = 0; i <= AbuseApiFactory.RepeatLimit; i++)
        {
            posts.Add(await author.PublishAsync($"post {i}"));
        }

        foreach (var post in posts.Take(AbuseApiFactory.RepeatLimit))
        {
            await spammer.CommentAsync(post, "Great shot!");
        }

        // Case and spacing do not make it new.
        var refused = await spammer.Http.PostAsJsonAsync($"/v1/posts/{posts[^1]}/comments", new { text = "  great   SHOT! " });
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("same comment", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await author.GetJsonAsync($"/v1/posts/{posts[^1]}/comments"))!["items"]!.AsArray());

        // Other text is fine there, and so is the same text again on a post that already has it.
        await spammer.CommentAsync(posts[^1], "Great light!");
        await spammer.CommentAsync(posts[0], "great shot!");
        Assert.Contains(AbuseReasons.RepeatedComment, _refusals);
    }

    [Fact]
    public async Task ANewAccountCannotCommentLinksUntilItIsOldEnough()
    {
        Listen();
        var author = await ApiClient.RegisterAsync(factory);
        var post = await author.PublishAsync("links?");
        var newcomer = await ApiClient.RegisterAsync(factory);
        foreach (var text in new[] { "see https://example.org/x", "visit WWW.example.org", "go to example.com now", "http://10.0.0.1" })
        {
            var problem = await ProblemAssert.IsProblemAsync(
                await newcomer.Http.PostAsJsonAsync($"/v1/posts/{post}/comments", new { text }), HttpStatusCode.UnprocessableEntity);
            Assert.Contains("New accounts cannot post links", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // Not links: abbreviations, decimals, a sentence with its space.
        foreach (var text in new[] { "e.g. this one", "pi is 3.14", "Nice. Really" })
        {
            await newcomer.CommentAsync(post, text);
        }

        Assert.Equal(3, (await author.GetJsonAsync($"/v1/posts/{post}/comments"))!["items"]!.AsArray().Count);
        Assert.Contains(AbuseReasons.NewAccountLink, _refusals);
        await Task.Delay(AbuseApiFactory.LinkAge);
        await newcomer.CommentAsync(post, "see https://example.org/x");
    }

    [Fact]
    public async Task BadInputIsStillABadRequestFirst()
    {
        var user = await ApiClient.RegisterAsync(factory);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsync("/v1/users/abc/follow", null), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsync($"/v1/users/{user.Id}/follow", null), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/v1/posts/1/comments", new { text = "" }), HttpStatusCode.BadRequest);
    }

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "instagram.abuse.refusals")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    _refusals.Add((string)tag.Value!);
                }
            }
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();
}
