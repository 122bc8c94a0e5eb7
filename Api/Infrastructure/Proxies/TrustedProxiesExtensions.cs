using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Instagram.Api.Infrastructure.Proxies;

public static class TrustedProxiesExtensions
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddValidatedOptions<TrustedProxiesOptions, TrustedProxiesOptionsValidator>(TrustedProxiesOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxiesOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; only what is configured counts here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in trusted.Value.Addresses)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in trusted.Value.Networks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>
    /// Takes the client address from the trusted proxies' headers. Not used at all when none is configured: the
    /// middleware believes every sender when both of its lists are empty.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxiesOptions>>().Value.Any)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
