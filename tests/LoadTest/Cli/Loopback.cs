using System.Net;

namespace Instagram.LoadTest.Cli;

/// <summary>
/// The tool only ever talks to this machine: every address it is given (HTTP target, Redis, PostgreSQL, silo gateways)
/// must be a loopback address or a name for one.
/// </summary>
public static class Loopback
{
    public static bool IsLoopbackHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        host = host.Trim().TrimStart('[').TrimEnd(']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    public static bool IsLoopback(EndPoint endPoint) => endPoint switch
    {
        IPEndPoint ip => IPAddress.IsLoopback(ip.Address),
        DnsEndPoint dns => IsLoopbackHost(dns.Host),
        _ => false,
    };

    /// <summary>Throws a usage error naming <paramref name="what"/> when <paramref name="host"/> is not loopback.</summary>
    public static void Require(string? host, string what)
    {
        if (!IsLoopbackHost(host))
        {
            throw new UsageException($"{what} must be a loopback address (127.0.0.1, localhost or ::1), not '{host}'. " +
                "The load tester never sends traffic off this machine.");
        }
    }
}
