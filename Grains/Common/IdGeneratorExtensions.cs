using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Instagram.Grains.Common;

public static class IdGeneratorExtensions
{
    /// <summary>Registers (once) the process-wide <see cref="IdGenerator"/> configured by the "Ids" section.</summary>
    public static IServiceCollection AddIdGenerator(this IServiceCollection services)
    {
        services.AddValidatedOptions<IdOptions, IdOptionsValidator>(IdOptions.SectionName)
            .AddOptions<IdOptions>()
            .Validate(ids => ids.LeaseFirst <= ids.LeaseLast, "Ids:LeaseFirst must not be above Ids:LeaseLast.");
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<IdOptions>>().Value.CreateGenerator());
        return services;
    }
}
