using Microsoft.AspNetCore.Authorization;
using Instagram.Silo.Hosting;
using Orleans.Dashboard;

namespace Instagram.Api.Infrastructure.Dashboard;

public static class DashboardExtensions
{
    public const string Path = "/dashboard";

    public static IServiceCollection AddAdminAuthorization(this IServiceCollection services)
    {
        services.AddValidatedOptions<AdminOptions, AdminOptionsValidator>(AdminOptions.SectionName);
        services.AddAuthorizationBuilder().AddPolicy(AdminRole.PolicyName, policy => policy.RequireAuthenticatedUser().RequireRole(AdminRole.Name));
        return services;
    }

    /// <summary>
    /// The Orleans dashboard at /dashboard for admins (the role the usernames in <c>Admin:Usernames</c> get), never
    /// anonymous: 401 without a token, 403 for everyone else (and for everyone while the list is empty).
    /// </summary>
    public static WebApplication MapAdminDashboard(this WebApplication app)
    {
        if (DashboardHosting.IsEnabled(app.Configuration))
        {
            app.MapOrleansDashboard(Path).RequireAuthorization(AdminRole.PolicyName).ExcludeFromDescription();
        }

        return app;
    }
}
