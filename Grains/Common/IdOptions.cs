using System.ComponentModel.DataAnnotations;

namespace Instagram.Grains.Common;

/// <summary>
/// Identity generation (configuration section "Ids"). Every process that creates ids needs its own generator id;
/// left unset, one is drawn at random, which is fine for one process and a small risk for many.
/// </summary>
public sealed class IdOptions
{
    public const string SectionName = "Ids";

    [Range(0, IdGenerator.MaxGeneratorId)]
    public int? GeneratorId { get; set; }

    public IdGenerator CreateGenerator() => new(GeneratorId ?? Random.Shared.Next(IdGenerator.MaxGeneratorId + 1));
}
