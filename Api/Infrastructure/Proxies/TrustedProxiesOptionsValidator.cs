using System.Net;

namespace Instagram.Api.Infrastructure.Proxies;

/// <summary>Refuses to start with an address or network that does not parse, naming it.</summary>
public sealed class TrustedProxiesOptionsValidator : IValidateOptions<TrustedProxiesOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxiesOptions options)
    {
        var bad = options.Addresses.Where(a => !IPAddress.TryParse(a, out _))
            .Concat(options.Networks.Where(n => !IPNetwork.TryParse(n, out _)))
            .ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{TrustedProxiesOptions.SectionName}: not an address or CIDR network: {string.Join(", ", bad)}");
    }
}
