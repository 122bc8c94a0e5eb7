using System.Text.RegularExpressions;

namespace Instagram.Web.Tests.Infrastructure;

/// <summary>
/// One person using the web client in a browser context of their own. Records what the page refused under its
/// Content-Security-Policy and what failed in its scripts, so every test also checks those stayed empty.
/// </summary>
public sealed partial class WebUser : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _refusedRequests = [];

    public WebUser(string name, IBrowserContext context, IPage page)
    {
        Name = name;
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.Contains("Refused to", StringComparison.Ordinal)))
            {
                _pageErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _pageErrors.Add(error);
        // Kept to explain a sign-up or log-in that never reached the home page (the page alone shows only a timeout).
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _refusedRequests.Add($"{response.Request.Method} {response.Url} -> {response.Status}");
            }
        };
        page.RequestFailed += (_, request) => _refusedRequests.Add($"{request.Method} {request.Url} -> {request.Failure}");
    }

    public string Name { get; }

    /// <summary>The password every test user gets.</summary>
    public const string Password = "correct horse battery";

    public IPage Page { get; }

    /// <summary>CSP refusals and uncaught script errors seen so far.</summary>
    public IReadOnlyList<string> PageErrors => _pageErrors;

    public async Task RegisterAsync()
    {
        await Page.GotoAsync("/register");
        await Page.GetByLabel("Email").FillAsync($"{Name}@example.com");
        await Page.GetByLabel("Full name").FillAsync($"{Name} Tester");
        await Page.GetByLabel("Username").FillAsync(Name);
        await Page.GetByLabel("Password").FillAsync(Password);
        await SubmitAndExpectHomeAsync("Sign up");
    }

    public async Task LogInAsync()
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("Username or email").FillAsync(Name);
        await Page.GetByLabel("Password").FillAsync(Password);
        await SubmitAndExpectHomeAsync("Log in");
    }

    /// <summary>
    /// Submits an auth form and waits for the home page; when it does not come, fails with what the form said and what
    /// the server refused, not a bare navigation timeout.
    /// </summary>
    private async Task SubmitAndExpectHomeAsync(string button)
    {
        var refusedBefore = _refusedRequests.Count;
        await Page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        try
        {
            await Page.WaitForURLAsync(HomeUrl());
        }
        catch (TimeoutException timeout)
        {
            var alert = Page.GetByRole(AriaRole.Alert);
            var shown = await alert.IsVisibleAsync() ? await alert.InnerTextAsync() : "(nothing)";
            throw new TimeoutException(
                $"{Name}: \"{button}\" did not lead home; still at {Page.Url}, the form shows {shown}, refused since the click: " +
                $"[{string.Join("; ", _refusedRequests.Skip(refusedBefore))}]", timeout);
        }
    }

    /// <summary>Goes to a client route the way a person would: a link's navigation, not a reload.</summary>
    public Task OpenAsync(string path) => Page.GotoAsync(path);

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    [GeneratedRegex(@"^https?://[^/]+/$")]
    private static partial Regex HomeUrl();
}
