namespace Instagram.Api.Infrastructure.Proxies;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed (configuration section
/// "TrustedProxies"). Empty (the default) believes no one: the client address is the TCP peer, so a client cannot
/// pick its own address to dodge the per-address limits.
/// </summary>
public sealed class TrustedProxiesOptions
{
    public const string SectionName = "TrustedProxies";

    /// <summary>Single addresses, e.g. "10.0.0.4".</summary>
    public List<string> Addresses { get; set; } = [];

    /// <summary>Networks in CIDR form, e.g. "10.0.0.0/16" (a Container Apps environment's subnet).</summary>
    public List<string> Networks { get; set; } = [];

    public bool Any => Addresses.Count > 0 || Networks.Count > 0;
}
