using System.ComponentModel.DataAnnotations;

namespace Instagram.Silo.Hosting;

/// <summary>
/// Cluster identity and ports (configuration section "Orleans"). Orleans itself also reads ClusterId and
/// ServiceId from this section, with the same meaning.
/// </summary>
public sealed class OrleansHostOptions
{
    public const string SectionName = "Orleans";

    public OrleansProfile Profile { get; set; } = OrleansProfile.Embedded;

    [Required]
    public string ClusterId { get; set; } = "instagram-dev";

    [Required]
    public string ServiceId { get; set; } = "instagram";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients use to reach this silo (Cluster profile). Unset means loopback, right
    /// for a local multi-silo cluster; containers set their own address (a pod IP, an environment address).
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }

    public System.Net.IPAddress AdvertisedAddress() =>
        string.IsNullOrWhiteSpace(AdvertisedIPAddress) ? System.Net.IPAddress.Loopback : System.Net.IPAddress.Parse(AdvertisedIPAddress);

    /// <summary>What the start-up lines say this process runs as.</summary>
    public string Describe() =>
        $"profile {Profile}, cluster {ClusterId}, service {ServiceId}, silo port {SiloPort}, gateway port {GatewayPort}";

    /// <summary>Reads and validates the section before the host is built, so a bad value stops start-up with its name.</summary>
    public static OrleansHostOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<OrleansHostOptions>() ?? new OrleansHostOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
