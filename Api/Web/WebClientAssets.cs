using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Instagram.Api.Web;

/// <summary>
/// The browser client's files (wwwroot/app) with a content hash each, and the page shell that loads them. Every URL the
/// shell and its import map hand out carries its file's hash (<c>?v=</c>), so the files can be cached for a year and a
/// new build is picked up on the next page load; only the shell is fetched every time. Modules import each other by
/// plain relative paths; the import map points each path at its hashed URL, so no build step is needed.
/// </summary>
internal sealed class WebClientAssets
{
    public const string RequestPath = "/app";
    private const string ImportMapMarker = "<!-- importmap -->";

    private readonly Dictionary<string, string> _versions;

    public WebClientAssets(IWebHostEnvironment environment)
    {
        Root = Path.Combine(environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot"), "app");
        _versions = Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).ToDictionary(
                file => "/" + Path.GetRelativePath(Root, file).Replace('\\', '/'),
                file => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))[..12],
                StringComparer.Ordinal)
            : [];

        var importMap = JsonSerializer.Serialize(new
        {
            imports = _versions
                .Where(file => file.Key.EndsWith(".js", StringComparison.Ordinal))
                .OrderBy(file => file.Key, StringComparer.Ordinal)
                .ToDictionary(file => RequestPath + file.Key, file => UrlOf(file.Key)),
        });
        // The import map is the shell's one inline script; the Content-Security-Policy allows it by this hash alone.
        ImportMapHash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)));

        var template = Path.Combine(Path.GetDirectoryName(Root)!, "index.html");
        var shell = File.Exists(template) ? File.ReadAllText(template) : "<!doctype html><title>Instagram.Orleans</title><p>The web client is not in this build.";
        foreach (var file in _versions.Keys)
        {
            shell = shell.Replace($"\"{RequestPath}{file}\"", $"\"{UrlOf(file)}\"", StringComparison.Ordinal);
        }

        // After the links above, whose replacement would otherwise also rewrite the map's keys.
        Shell = shell.Replace(ImportMapMarker, $"<script type=\"importmap\">{importMap}</script>", StringComparison.Ordinal);
    }

    /// <summary>The folder served at <see cref="RequestPath"/>.</summary>
    public string Root { get; }

    public string Shell { get; }

    public string ImportMapHash { get; }

    /// <summary>True when a request names the file's current hash: only such responses may be cached for good.</summary>
    public bool IsCurrentVersion(string path, string? version) =>
        version is not null && _versions.TryGetValue(path, out var current) && current == version;

    private string UrlOf(string file) => $"{RequestPath}{file}?v={_versions[file]}";
}
