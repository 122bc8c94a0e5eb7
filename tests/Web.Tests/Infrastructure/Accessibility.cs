using System.Text.Json;

namespace Instagram.Web.Tests.Infrastructure;

/// <summary>
/// Runs axe-core (vendored from npm) inside the page and fails on serious or critical violations. The script is
/// evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vendor", "axe.min.js")));

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(Axe.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)");
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"{what}: {string.Join("; ", found)}");
    }
}
