using System.Net;
using System.Net.Http.Json;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Comments;

[Collection(ApiCollection.Name)]
public sealed class CommentsApiTests(ApiFactory factory)
{
    [Fact]
    public async Task CommentsPageOldestFirstWithRepliesAndCountsStayExactAfterDeletes()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var a = await ApiClient.RegisterAsync(factory);
        var b = await ApiClient.RegisterAsync(factory);
        var postId = await author.PublishAsync();

        var first = await a.CommentAsync(postId, "first!");
        var reply = await b.CommentAsync(postId, "a reply", first["id"]!.GetValue<string>());
        var third = await b.CommentAsync(postId, "third");
        Assert.Equal(first["id"]!.GetValue<string>(), reply["parentId"]!.GetValue<string>());

        var page1 = await a.GetJsonAsync($"/v1/posts/{postId}/comments?limit=2");
        var page2 = await a.GetJsonAsync($"/v1/posts/{postId}/comments?limit=2&cursor={page1!["nextCursor"]!.GetValue<string>()}");
        var texts = page1["items"]!.AsArray().Concat(page2!["items"]!.AsArray()).Select(c => c!["text"]!.GetValue<string>());
        Assert.Equal(["first!", "a reply", "third"], texts);
        Assert.Equal(3, (await a.GetJsonAsync($"/v1/posts/{postId}"))!["commentCount"]!.GetValue<long>());

        // The comment's author and the post's author may delete; nobody else.
        await ProblemAssert.IsProblemAsync(await a.Http.DeleteAsync($"/v1/posts/{postId}/comments/{third["id"]}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await author.Http.DeleteAsync($"/v1/posts/{postId}/comments/{third["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a.Http.DeleteAsync($"/v1/posts/{postId}/comments/{first["id"]}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await a.Http.DeleteAsync($"/v1/posts/{postId}/comments/{first["id"]}"), HttpStatusCode.NotFound);

        var left = await b.GetJsonAsync($"/v1/posts/{postId}/comments");
        Assert.Equal(["a reply"], left!["items"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
        Assert.Equal(1, (await b.GetJsonAsync($"/v1/posts/{postId}"))!["commentCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task CommentMistakesAreProblemsAndWriteNothing()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var postId = await author.PublishAsync();
        var otherPost = await author.PublishAsync();
        var foreignParent = await author.CommentAsync(otherPost, "elsewhere");

        await ProblemAssert.IsProblemAsync(await author.Http.PostAsJsonAsync($"/v1/posts/{postId}/comments", new { text = "" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await author.Http.PostAsJsonAsync($"/v1/posts/{postId}/comments", new { text = new string('x', 2201) }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(
            await author.Http.PostAsJsonAsync($"/v1/posts/{postId}/comments", new { text = "x", parentId = foreignParent["id"]!.GetValue<string>() }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Empty((await author.GetJsonAsync($"/v1/posts/{postId}/comments"))!["items"]!.AsArray());
        Assert.Equal(0, (await author.GetJsonAsync($"/v1/posts/{postId}"))!["commentCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task ARetriedCommentWithTheSameIdempotencyKeyIsStoredOnce()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var postId = await author.PublishAsync();
        for (var i = 0; i < 2; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/posts/{postId}/comments") { Content = JsonContent.Create(new { text = "once" }) };
            request.Headers.Add("Idempotency-Key", "comment-once");
            Assert.Equal(HttpStatusCode.Created, (await author.Http.SendAsync(request)).StatusCode);
        }

        Assert.Single((await author.GetJsonAsync($"/v1/posts/{postId}/comments"))!["items"]!.AsArray());
    }
}
