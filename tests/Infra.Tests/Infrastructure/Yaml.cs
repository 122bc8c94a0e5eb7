using YamlDotNet.RepresentationModel;

namespace Instagram.Infra.Tests.Infrastructure;

/// <summary>One YAML document of a file, as plain .NET values: maps, lists and strings (scalars stay strings).</summary>
public sealed record YamlDocument(string File, int Index, Dictionary<string, object?> Root)
{
    public string Kind => Root.Str("kind") ?? "";

    public string Name => Root.Map("metadata")?.Str("name") ?? "";

    public override string ToString() => $"{System.IO.Path.GetRelativePath(Repo.Root, File)}#{Index} ({Kind} {Name})";
}

public static class Yaml
{
    public static IReadOnlyList<YamlDocument> LoadFile(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var documents = new List<YamlDocument>();
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            if (ToPlain(stream.Documents[i].RootNode) is Dictionary<string, object?> root)
            {
                documents.Add(new YamlDocument(path, i, root));
            }
        }

        return documents;
    }

    public static IReadOnlyList<YamlDocument> LoadText(string text, string origin)
    {
        var path = System.IO.Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, text);
            return LoadFile(path).Select(d => d with { File = origin }).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static object? ToPlain(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value ?? "",
            pair => ToPlain(pair.Value)),
        YamlSequenceNode list => list.Children.Select(ToPlain).ToList(),
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };

    public static Dictionary<string, object?>? Map(this Dictionary<string, object?>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value as Dictionary<string, object?> : null;

    public static List<object?> List(this Dictionary<string, object?>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) && value is List<object?> list ? list : [];

    public static IEnumerable<Dictionary<string, object?>> Maps(this Dictionary<string, object?>? map, string key) =>
        map.List(key).OfType<Dictionary<string, object?>>();

    public static string? Str(this Dictionary<string, object?>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>A map of string values (labels, selectors, ConfigMap data).</summary>
    public static Dictionary<string, string> Strings(this Dictionary<string, object?>? map, string key) =>
        map.Map(key)?.ToDictionary(pair => pair.Key, pair => pair.Value as string ?? "") ?? [];

    /// <summary>Follows a path of map keys, e.g. "spec", "template", "spec".</summary>
    public static Dictionary<string, object?>? At(this Dictionary<string, object?>? map, params string[] path) =>
        path.Aggregate(map, (current, key) => current.Map(key));
}
