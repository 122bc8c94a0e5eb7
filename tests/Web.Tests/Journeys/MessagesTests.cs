using System.Text.RegularExpressions;
using Instagram.Web.Tests.Infrastructure;

namespace Instagram.Web.Tests.Journeys;

/// <summary>
/// Direct messages in a real browser on the Embedded profile: one person messages another from their profile; as the
/// sender is not followed, the conversation waits in the recipient's Requests until accepted; the recipient reads it
/// (the sender sees "Seen") and replies, and the reply appears in the sender's open thread without a reload, through
/// the real-time hub. The inbox, requests and thread pages are checked by axe-core and kept as screenshots.
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class MessagesTests(WebFixture web)
{
    [Fact]
    public async Task AMessageRequestIsAcceptedAndTheReplyArrivesLive()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var sender = await web.NewUserAsync("writer" + tag);
        await using var recipient = await web.NewUserAsync("reader" + tag);
        await sender.RegisterAsync();
        await recipient.RegisterAsync();

        await MessageFromProfileAsync(sender, recipient.Name);
        var senderLog = sender.Page.GetByRole(AriaRole.Log);
        await Assertions.Expect(senderLog).ToBeVisibleAsync();
        await SendAsync(sender, "hello");
        await Assertions.Expect(senderLog.GetByText("hello")).ToBeVisibleAsync();

        await recipient.Page.GetByRole(AriaRole.Link, new() { Name = "Messages", Exact = true }).ClickAsync();
        await recipient.Page.GetByRole(AriaRole.Button, new() { Name = "Requests", Exact = true }).ClickAsync();
        var requests = recipient.Page.GetByRole(AriaRole.List, new() { Name = "Message requests" });
        await Assertions.Expect(requests.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"{sender.Name}.*hello") })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(recipient.Page, "message requests");
        await recipient.Page.GetByRole(AriaRole.Button, new() { Name = $"Accept {sender.Name}" }).ClickAsync();
        await Assertions.Expect(recipient.Page.GetByText($"Moved {sender.Name} to your inbox.")).ToBeVisibleAsync();

        await recipient.Page.GetByRole(AriaRole.Button, new() { Name = "Inbox", Exact = true }).ClickAsync();
        var inboxEntry = recipient.Page.GetByRole(AriaRole.List, new() { Name = "Inbox" })
            .GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"{sender.Name}.*hello.*1 unread") });
        await Assertions.Expect(inboxEntry).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(recipient.Page, "messages inbox");
        await Screenshots.SaveAsync(recipient.Page, "messages-inbox");
        await inboxEntry.ClickAsync();
        await recipient.Page.WaitForURLAsync(ThreadUrl());
        await Assertions.Expect(recipient.Page.GetByRole(AriaRole.Log).GetByText("hello")).ToBeVisibleAsync();

        // Opening the thread marked it read: the sender's open thread says so.
        await Assertions.Expect(senderLog.GetByText("Seen", new() { Exact = true })).ToBeVisibleAsync();

        await SendAsync(recipient, "hi back");
        await Assertions.Expect(recipient.Page.GetByRole(AriaRole.Log).GetByText("hi back")).ToBeVisibleAsync();

        await Assertions.Expect(senderLog.GetByText("hi back")).ToBeVisibleAsync();
        // Each message once, although the sender's own arrived both as the send's answer and as a hub event.
        await Assertions.Expect(senderLog.Locator(".message")).ToHaveCountAsync(2);
        await Accessibility.AssertNoSeriousViolationsAsync(sender.Page, "message thread");
        await Screenshots.SaveAsync(sender.Page, "messages-thread");

        Assert.Empty(sender.PageErrors);
        Assert.Empty(recipient.PageErrors);
    }

    [Fact]
    public async Task ASendWhoseAnswerIsLostIsRetriedWithTheSameIdAndStoredOnce()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var sender = await web.NewUserAsync("retrier" + tag);
        await using var recipient = await web.NewUserAsync("patient" + tag);
        await sender.RegisterAsync();
        await recipient.RegisterAsync();
        await MessageFromProfileAsync(sender, recipient.Name);

        // The first send reaches the server, which stores it, but its answer never reaches the page.
        var sends = new List<string>();
        var lost = false;
        await sender.Page.RouteAsync(url => url.EndsWith("/messages", StringComparison.Ordinal), async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            sends.Add(route.Request.PostDataJSON()!.Value.GetProperty("clientMessageId").GetString()!);
            if (!lost)
            {
                lost = true;
                await route.FetchAsync();
                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });
        await SendAsync(sender, "only once");

        // The hub may show the stored message first; the composer is emptied once a send is answered: by the retry.
        await Assertions.Expect(sender.Page.GetByLabel("Message", new() { Exact = true })).ToHaveValueAsync("");
        Assert.Equal(2, sends.Count);
        Assert.Equal(sends[0], sends[1]);
        await sender.Page.ReloadAsync();
        var log = sender.Page.GetByRole(AriaRole.Log);
        await Assertions.Expect(log.GetByText("only once")).ToBeVisibleAsync();
        await Assertions.Expect(log.Locator(".message")).ToHaveCountAsync(1);
        Assert.Empty(sender.PageErrors);
    }

    /// <summary>Presses Message on someone's profile and waits for the conversation to open.</summary>
    private static async Task MessageFromProfileAsync(WebUser user, string name)
    {
        await user.OpenAsync($"/u/{name}");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = $"Message {name}" }).ClickAsync();
        await user.Page.WaitForURLAsync(ThreadUrl());
    }

    private static async Task SendAsync(WebUser user, string text)
    {
        await user.Page.GetByLabel("Message", new() { Exact = true }).FillAsync(text);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
    }

    [GeneratedRegex(@"/direct/\d+$")]
    private static partial Regex ThreadUrl();
}
