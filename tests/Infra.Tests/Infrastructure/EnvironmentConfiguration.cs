using Microsoft.Extensions.Configuration;

namespace Instagram.Infra.Tests.Infrastructure;

/// <summary>Turns a container's environment variables into the IConfiguration the app would see.</summary>
public static class EnvironmentConfiguration
{
    /// <summary>
    /// As the .NET hosts read the environment: every variable with "__" turned into ":" (AddEnvironmentVariables()),
    /// plus the DOTNET_- and ASPNETCORE_-prefixed ones again without their prefix (the host configuration).
    /// </summary>
    public static IConfigurationRoot Build(IReadOnlyDictionary<string, string> environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            values[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        foreach (var prefix in new[] { "DOTNET_", "ASPNETCORE_" })
        {
            foreach (var (name, value) in environment.Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                values[name[prefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
