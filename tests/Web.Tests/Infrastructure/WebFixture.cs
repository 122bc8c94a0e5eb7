namespace Instagram.Web.Tests.Infrastructure;

/// <summary>The Embedded Api on a real port and one Chromium, shared by the browser tests of a collection.</summary>
public class WebFixture : IAsyncLifetime
{
    private Chromium? _chromium;

    public WebApiFactory Api { get; private set; } = null!;

    public IBrowser Browser => _chromium!.Browser;

    public virtual async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        Api = CreateApi();
        await Api.InitializeAsync();
        _chromium = await Chromium.LaunchAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await Api.DisposeAsync();
    }

    protected virtual WebApiFactory CreateApi() => new();

    /// <summary>A fresh browser context (its own storage: one signed-in person) on the client.</summary>
    public async Task<WebUser> NewUserAsync(string name, int width = 420, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Api.BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        // Generous: the suite's projects run side by side on two cores, and sign-up and log-in hash passwords slowly.
        context.SetDefaultTimeout(45_000);
        return new WebUser(name, context, await context.NewPageAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "Web client, Embedded profile";
}
