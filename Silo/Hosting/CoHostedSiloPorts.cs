using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Instagram.Silo.Hosting;

/// <summary>
/// A silo co-hosted in another process (the Embedded Api) that nothing outside connects to: unless its ports are
/// configured, it takes free loopback ports, so two Embedded Apis on one machine never meet in one cluster on the
/// Cluster silo's default ports.
/// </summary>
public static class CoHostedSiloPorts
{
    public static void UseFreePortsUnlessConfigured(IConfiguration configuration)
    {
        foreach (var key in new[] { "Orleans:SiloPort", "Orleans:GatewayPort" })
        {
            if (string.IsNullOrEmpty(configuration[key]))
            {
                configuration[key] = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
