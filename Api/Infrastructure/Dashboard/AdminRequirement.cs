using Instagram.Grains.Users;
using Microsoft.AspNetCore.Authorization;

namespace Instagram.Api.Infrastructure.Dashboard;

/// <summary>
/// The caller is signed in and their username is listed in <see cref="AdminOptions.Usernames"/>. The token carries only
/// the user id, so the username is asked of the user's grain (a renamed account stops being an admin at once).
/// </summary>
public sealed class AdminRequirement : AuthorizationHandler<AdminRequirement>, IAuthorizationRequirement
{
    public const string PolicyName = "admins";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.Resource is not HttpContext http)
        {
            return;
        }

        var admins = http.RequestServices.GetRequiredService<IOptionsMonitor<AdminOptions>>().CurrentValue.Usernames;
        if (admins.Length == 0)
        {
            return;
        }

        var user = await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(context.User.UserId()).GetSummaryAsync();
        if (user is not null && admins.Contains(user.Username, StringComparer.OrdinalIgnoreCase))
        {
            context.Succeed(requirement);
        }
    }
}
