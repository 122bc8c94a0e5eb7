using System.ComponentModel.DataAnnotations;

namespace Instagram.Grains.Common;

/// <summary>
/// Identity generation (configuration section "Ids"). Every process that creates ids needs its own generator id. Set
/// one by hand (<see cref="GeneratorId"/>: silos numbered by the deployment), or leave it unset: on the Cluster profile
/// the process then leases a free one from <see cref="LeaseFirst"/>–<see cref="LeaseLast"/> in Redis (Api replicas,
/// Kubernetes pods); on the Embedded profile, one process alone, any id will do.
/// </summary>
public sealed class IdOptions
{
    public const string SectionName = "Ids";

    [Range(0, IdGenerator.MaxGeneratorId)]
    public int? GeneratorId { get; set; }

    /// <summary>Lowest leased generator id; ids below it are left to processes configured by hand.</summary>
    [Range(0, IdGenerator.MaxGeneratorId)]
    public int LeaseFirst { get; set; } = 100;

    /// <summary>Highest leased generator id; 1000–1023 are left to tools such as the load tester.</summary>
    [Range(0, IdGenerator.MaxGeneratorId)]
    public int LeaseLast { get; set; } = 999;

    /// <summary>How long a lease outlives its holder's last renewal; the holder stops minting a sixth of it earlier.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public IdGenerator CreateGenerator() => new(GeneratorId ?? Random.Shared.Next(IdGenerator.MaxGeneratorId + 1));
}
