using Orleans.Dashboard;

namespace Instagram.Silo.Hosting;

/// <summary>
/// The Orleans dashboard's data side (grain statistics, silo counters) on silos and on the Api's cluster client; the
/// Api serves its pages at /dashboard to admins. Off unless <c>Dashboard:Enabled=true</c> on the silos and the Api: even
/// unwatched it costs every grain call a pass-through filter, measured at 5-20 % of fan-out and like throughput on the
/// Embedded profile.
/// </summary>
public static class DashboardHosting
{
    public const string EnabledKey = "Dashboard:Enabled";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, false);

    public static ISiloBuilder AddInstagramDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        IsEnabled(configuration) ? silo.AddDashboard(Configure) : silo;

    public static IClientBuilder AddInstagramDashboard(this IClientBuilder client, IConfiguration configuration) =>
        IsEnabled(configuration) ? client.AddDashboard(Configure) : client;

    // The log view would show every silo's log lines (user ids, post ids) to whoever can open the page; logs go to
    // the log pipeline instead.
    private static void Configure(DashboardOptions options) => options.HideTrace = true;
}
