namespace Instagram.Api.Infrastructure.Dashboard;

/// <summary>
/// The admin role: a claim in the access token of every user listed in <see cref="AdminOptions.Usernames"/>, added when
/// the token is issued (sign-up, login, refresh), so checking it costs no call. The dashboard and every /v1/admin route
/// require it through the policy <see cref="PolicyName"/>. A name taken off the list loses the role at its next refresh.
/// </summary>
public static class AdminRole
{
    public const string PolicyName = "admins";
    public const string ClaimType = "role";
    public const string Name = "admin";
}
