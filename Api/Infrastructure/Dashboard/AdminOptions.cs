namespace Instagram.Api.Infrastructure.Dashboard;

/// <summary>Who may open the operators' pages (configuration section "Admin"): usernames, compared case-insensitively.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string[] Usernames { get; set; } = [];
}
