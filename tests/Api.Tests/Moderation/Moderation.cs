using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

/// <summary>Moderation calls the tests share: the admin's sign-in, filing a report, resolving it, finding a queue item.</summary>
public static class Moderation
{
    /// <summary>The username <c>Admin:Usernames</c> lists in the test Apis (<see cref="ApiFactory"/>, the Cluster fixture).</summary>
    public const string AdminUsername = ApiFactory.DefaultAdminUsername;

    public const string Password = "correct horse battery";

    /// <summary>The admin, signed in on <paramref name="http"/>: registered by the first test that needs it, logged in after that.</summary>
    public static async Task<ApiClient> SignInAdminAsync(HttpClient http, string username = AdminUsername)
    {
        using var registered = await http.PostAsJsonAsync("/v1/auth/register", new { username, email = $"{username}@example.com", password = Password });
        using var login = registered.IsSuccessStatusCode ? null : await http.PostAsJsonAsync("/v1/auth/login", new { login = username, password = Password });
        var tokens = await (login ?? registered).Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens!["accessToken"]!.GetValue<string>());
        var me = await http.GetFromJsonAsync<JsonObject>("/v1/users/me");
        return new ApiClient(http, username, me!["id"]!.GetValue<string>(), tokens["accessToken"]!.GetValue<string>(), tokens["refreshToken"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> TryReportAsync(this ApiClient reporter, string targetType, string targetId, string reason = "spam") =>
        reporter.Http.PostAsJsonAsync("/v1/reports", new { targetType, targetId, reason });

    /// <summary>Files a report (202) and returns the id of the queue item it joined.</summary>
    public static async Task<string> ReportAsync(this ApiClient reporter, string targetType, string targetId, string reason = "spam")
    {
        using var response = await reporter.TryReportAsync(targetType, targetId, reason);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["reportId"]!.GetValue<string>();
    }

    public static Task<HttpResponseMessage> TryResolveAsync(this ApiClient admin, string reportId, string action, string? note = null) =>
        admin.Http.PostAsJsonAsync($"/v1/admin/reports/{reportId}/resolve", new { action, note });

    /// <summary>Resolves a report item (200) and returns the resolved item.</summary>
    public static async Task<JsonObject> ResolveAsync(this ApiClient admin, string reportId, string action, string? note = null)
    {
        using var response = await admin.TryResolveAsync(reportId, action, note);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Every item of a queue (<c>open</c> or <c>resolved</c>) or of the audit log, in order, following the cursors.</summary>
    public static async Task<List<JsonObject>> ListAllAsync(this ApiClient admin, string path)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await admin.Http.GetFromJsonAsync<JsonObject>($"{path}{separator}limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            items.AddRange(page!["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return items;
    }

    public static async Task<JsonObject?> QueueItemAsync(this ApiClient admin, string reportId, string status = "open") =>
        (await admin.ListAllAsync($"/v1/admin/reports?status={status}")).SingleOrDefault(i => i["id"]!.GetValue<string>() == reportId);

    /// <summary>Signs in by password; the raw answer, for tests that expect a refusal.</summary>
    public static Task<HttpResponseMessage> LoginAsync(HttpClient http, string login) =>
        http.PostAsJsonAsync("/v1/auth/login", new { login, password = Password });
}
