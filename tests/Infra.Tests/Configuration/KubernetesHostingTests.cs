using Instagram.Infra.Tests.Infrastructure;
using Instagram.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Instagram.Infra.Tests.Configuration;

/// <summary>Orleans Kubernetes hosting is switched on only in a pod and only when asked for.</summary>
public sealed class KubernetesHostingTests
{
    private static Func<string, string?> InPod(bool inPod) =>
        name => inPod && name == KubernetesHosting.ServiceHostVariable ? "10.0.0.1" : null;

    [Theory]
    [InlineData("true", true, true)]
    [InlineData("true", false, false)]
    [InlineData("false", true, false)]
    [InlineData(null, true, false)]
    public void IsEnabled_NeedsTheFlagAndAPod(string? flag, bool inPod, bool expected)
    {
        var config = EnvironmentConfiguration.Build(flag is null ? new Dictionary<string, string>() : new() { ["Orleans__Kubernetes"] = flag });

        Assert.Equal(expected, KubernetesHosting.IsEnabled(config, InPod(inPod)));
        Assert.Equal(expected, RegistersClusterAgent(config, InPod(inPod)));
    }

    private static bool RegistersClusterAgent(IConfiguration config, Func<string, string?> environment)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseKubernetesHostingWhenEnabled(config, environment));
        return builder.Services.Any(service => service.ImplementationType?.Name == "KubernetesClusterAgent");
    }
}
