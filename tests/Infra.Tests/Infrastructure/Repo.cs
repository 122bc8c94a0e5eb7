using System.Reflection;

namespace Instagram.Infra.Tests.Infrastructure;

/// <summary>Paths in the repository this test assembly was built from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Azure => Path("infra", "azure");

    public static string Kubernetes => Path("infra", "k8s");

    public static string Sql => Path("infra", "sql");

    /// <summary>Metadata the project file compiled into this assembly (see Infra.Tests.csproj).</summary>
    public static string? Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    private static string FindRoot()
    {
        // The build records the repository; fall back to walking up from the test binaries (e.g. a copied output).
        if (Metadata("RepositoryRoot") is { } recorded && Directory.Exists(System.IO.Path.Combine(recorded, "infra")))
        {
            return recorded;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Instagram.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Instagram.Orleans.sln) above " + AppContext.BaseDirectory);
    }
}
