namespace Instagram.Api.Infrastructure.Dashboard;

/// <summary>
/// Who the admins are (configuration section "Admin"): usernames, compared case-insensitively. They get the admin role
/// (<see cref="AdminRole"/>): the Orleans dashboard and the moderation routes.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string[] Usernames { get; set; } = [];

    public bool IsAdmin(string username) => Usernames.Contains(username, StringComparer.OrdinalIgnoreCase);
}
