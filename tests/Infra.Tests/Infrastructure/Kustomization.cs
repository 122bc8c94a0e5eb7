namespace Instagram.Infra.Tests.Infrastructure;

/// <summary>
/// Just enough of kustomize to check the manifests without a cluster: the resource files of a kustomization and the
/// data of its generated ConfigMaps (env files, literals, files).
/// </summary>
public sealed class Kustomization
{
    private Kustomization(string directory, YamlDocument document)
    {
        Directory = directory;
        Document = document;
    }

    public string Directory { get; }

    public YamlDocument Document { get; }

    public Dictionary<string, object?> Root => Document.Root;

    public IEnumerable<string> ResourcePaths => Root.List("resources").OfType<string>().Select(Resolve);

    /// <summary>Documents of the resource files listed directly (bases referenced as directories are not followed).</summary>
    public IReadOnlyList<YamlDocument> Resources =>
        ResourcePaths.Where(File.Exists).SelectMany(Yaml.LoadFile).ToList();

    public IReadOnlyDictionary<string, Dictionary<string, string>> GeneratedConfigMaps =>
        Root.Maps("configMapGenerator").ToDictionary(g => g.Str("name") ?? "", GeneratorData);

    public string Resolve(string relative) => Path.GetFullPath(Path.Combine(Directory, relative));

    public static Kustomization Load(string directory)
    {
        var file = Path.Combine(directory, "kustomization.yaml");
        return new Kustomization(directory, Yaml.LoadFile(file).Single());
    }

    /// <summary>KEY=VALUE lines as kustomize reads an env file: blank lines and # comments skipped.</summary>
    public static Dictionary<string, string> ReadEnvFile(string path) =>
        File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts.Length > 1 ? parts[1].Trim() : "");

    private Dictionary<string, string> GeneratorData(Dictionary<string, object?> generator)
    {
        var data = new Dictionary<string, string>();
        foreach (var env in generator.List("envs").OfType<string>())
        {
            foreach (var (key, value) in ReadEnvFile(Resolve(env)))
            {
                data[key] = value;
            }
        }

        foreach (var literal in generator.List("literals").OfType<string>())
        {
            var parts = literal.Split('=', 2);
            data[parts[0]] = parts.Length > 1 ? parts[1] : "";
        }

        foreach (var file in generator.List("files").OfType<string>())
        {
            data[Path.GetFileName(file)] = File.ReadAllText(Resolve(file));
        }

        return data;
    }
}
