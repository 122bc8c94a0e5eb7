using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Security;

/// <summary>
/// Control characters and bidi formatting characters in client text (issue 16, item 6): refused as a 400 problem
/// naming the field, with nothing written; line breaks stay allowed in captions, comments and bios.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ControlCharacterTests(ApiFactory factory)
{
    [Theory]
    [InlineData("nul\u0000here")]
    [InlineData("escape\u001B[31m")]
    [InlineData("delete\u007F")]
    [InlineData("tab\tinside")]
    [InlineData("reversed \u202Egpj.exe")]
    public async Task ACaptionWithAControlCharacterIsRefusedAndNothingIsPosted(string caption)
    {
        var user = await ApiClient.RegisterAsync(factory);
        var media = await user.UploadAsync();

        var response = await user.Http.PostAsJsonAsync("/v1/posts", new { mediaIds = new[] { media }, caption });

        await AssertRefusedAsync(response, "caption");
        Assert.Equal(0, (await user.GetJsonAsync("/v1/users/me"))!["postCount"]!.GetValue<long>());
        Assert.Empty((await user.GetJsonAsync($"/v1/users/{user.Id}/posts"))!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("Par\u0001is")]
    [InlineData("Paris\n")]
    [InlineData("\u200FParis")]
    public async Task ALocationNameWithAControlCharacterIsRefusedAndNothingIsPosted(string name)
    {
        var user = await ApiClient.RegisterAsync(factory);
        var media = await user.UploadAsync();

        var response = await user.Http.PostAsJsonAsync("/v1/posts",
            new { mediaIds = new[] { media }, caption = "fine", location = new { name, lat = 48.85, lng = 2.35 } });

        await AssertRefusedAsync(response, "name");
        Assert.Equal(0, (await user.GetJsonAsync("/v1/users/me"))!["postCount"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("line one\nline two")]
    [InlineData("line one\r\nline two")]
    [InlineData("\u05E9\u05DC\u05D5\u05DD \u200Fworld")] // a right-to-left mark is punctuation help, not a control
    public async Task ACaptionWithLineBreaksIsAccepted(string caption)
    {
        var user = await ApiClient.RegisterAsync(factory);
        var postId = await user.PublishAsync(caption);

        Assert.Equal(caption, (await user.GetJsonAsync($"/v1/posts/{postId}"))!["caption"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACommentWithABellIsRefusedButOneWithALineBreakIsNot()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var postId = await user.PublishAsync("comment here");

        await AssertRefusedAsync(await user.Http.PostAsJsonAsync($"/v1/posts/{postId}/comments", new { text = "ding\u0007" }), "text");
        Assert.Empty((await user.GetJsonAsync($"/v1/posts/{postId}/comments"))!["items"]!.AsArray());

        var comment = await user.CommentAsync(postId, "first\nsecond");
        Assert.Equal("first\nsecond", comment["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegisteringWithABidiOverrideInTheFullNameIsRefusedAndReservesNothing()
    {
        var http = factory.CreateClient();
        var username = $"bidi_{Guid.NewGuid():N}"[..30];

        var refused = await http.PostAsJsonAsync("/v1/auth/register",
            new { username, email = $"{username}@example.com", password = "correct horse battery", fullName = "Ada \u202Eecalevol" });
        await AssertRefusedAsync(refused, "fullName");

        var email = await http.PostAsJsonAsync("/v1/auth/register",
            new { username, email = $"{username}\u0000@example.com", password = "correct horse battery" });
        await AssertRefusedAsync(email, "email");

        // Neither attempt kept the username or the email.
        var clean = await http.PostAsJsonAsync("/v1/auth/register",
            new { username, email = $"{username}@example.com", password = "correct horse battery", fullName = "Ada Lovelace" });
        Assert.Equal(HttpStatusCode.Created, clean.StatusCode);
    }

    [Fact]
    public async Task AProfileUpdateWithAControlCharacterIsRefusedAndChangesNothing()
    {
        var user = await ApiClient.RegisterAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.PatchAsJsonAsync("/v1/users/me", new { fullName = "Ada", bio = "before" })).StatusCode);

        await AssertRefusedAsync(await user.Http.PatchAsJsonAsync("/v1/users/me", new { fullName = "Ada \u202Eevil", bio = "after" }), "fullName");
        await AssertRefusedAsync(await user.Http.PatchAsJsonAsync("/v1/users/me", new { fullName = "Ada\u200E" }), "fullName");
        await AssertRefusedAsync(await user.Http.PatchAsJsonAsync("/v1/users/me", new { bio = "nul\u0000", isPrivate = true }), "bio");

        var me = await user.GetJsonAsync("/v1/users/me");
        Assert.Equal("Ada", me!["fullName"]!.GetValue<string>());
        Assert.Equal("before", me["bio"]!.GetValue<string>());
        Assert.False(me["isPrivate"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.OK, (await user.Http.PatchAsJsonAsync("/v1/users/me", new { bio = "two\nlines" })).StatusCode);
        Assert.Equal("two\nlines", (await user.GetJsonAsync("/v1/users/me"))!["bio"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/search/users?q=sun%00", "q")]
    [InlineData("/v1/search/hashtags?q=sun%1B", "q")]
    [InlineData("/v1/search/posts?q=sun%E2%80%AEset", "q")]
    [InlineData("/v1/search/posts?hashtag=sun%07", "hashtag")]
    [InlineData("/v1/users/ada%07", "username")]
    public async Task AQueryWithAControlCharacterIsRefused(string path, string field)
    {
        var user = await ApiClient.RegisterAsync(factory);
        await AssertRefusedAsync(await user.Http.GetAsync(path), field);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }
}
