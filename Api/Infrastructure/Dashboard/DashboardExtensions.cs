using Microsoft.AspNetCore.Authorization;
using Instagram.Silo.Hosting;
using Orleans.Dashboard;

namespace Instagram.Api.Infrastructure.Dashboard;

public static class DashboardExtensions
{
    public const string Path = "/dashboard";

    public static IServiceCollection AddAdminAuthorization(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddSingleton<IAuthorizationHandler, AdminRequirement>();
        services.AddAuthorizationBuilder().AddPolicy(AdminRequirement.PolicyName, policy => policy.AddRequirements(new AdminRequirement()));
        return services;
    }

    /// <summary>
    /// The Orleans dashboard at /dashboard for the usernames in <c>Admin:Usernames</c>, never anonymous: 401 without a
    /// token, 403 for everyone else (and for everyone while the list is empty).
    /// </summary>
    public static WebApplication MapAdminDashboard(this WebApplication app)
    {
        if (DashboardHosting.IsEnabled(app.Configuration))
        {
            app.MapOrleansDashboard(Path).RequireAuthorization(AdminRequirement.PolicyName).ExcludeFromDescription();
        }

        return app;
    }
}
