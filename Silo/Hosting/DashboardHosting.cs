using Orleans.Dashboard;

namespace Instagram.Silo.Hosting;

/// <summary>
/// The Orleans dashboard's data side (grain statistics, silo counters) on silos and on the Api's cluster client; the
/// Api serves its pages at /dashboard to admins. On by default (<c>Dashboard:Enabled</c>): its call profiling runs only
/// while someone has the dashboard open, so an unwatched cluster pays one pass-through filter per grain call.
/// </summary>
public static class DashboardHosting
{
    public const string EnabledKey = "Dashboard:Enabled";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, true);

    public static ISiloBuilder AddInstagramDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        IsEnabled(configuration) ? silo.AddDashboard(Configure) : silo;

    public static IClientBuilder AddInstagramDashboard(this IClientBuilder client, IConfiguration configuration) =>
        IsEnabled(configuration) ? client.AddDashboard(Configure) : client;

    // The log view would show every silo's log lines (user ids, post ids) to whoever can open the page; logs go to
    // the log pipeline instead.
    private static void Configure(DashboardOptions options) => options.HideTrace = true;
}
