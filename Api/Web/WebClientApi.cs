using Instagram.Grains.Abstractions;
using Instagram.Silo.Media;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Instagram.Api.Web;

/// <summary>
/// The web client: static modules under <c>/app</c> and the page shell at each of the client's own routes, so a link or
/// a reload of <c>/u/alice</c> opens the right page. The client talks to the public HTTP API like any other client.
/// </summary>
public static class WebClientApi
{
    /// <summary>The client's routes; wwwroot/app/routes.js has the same list, where each one gets its page.</summary>
    internal static readonly string[] Routes =
    [
        "/", "/login", "/register", "/explore", "/reels", "/search", "/notifications", "/compose", "/trending", "/settings",
        "/requests", "/direct", "/direct/{conversationId}", "/p/{postId}", "/u/{username}", "/u/{username}/followers", "/u/{username}/following",
        "/tags/{tag}", "/stories/{userId}",
    ];

    private const string YearLong = "public, max-age=31536000, immutable";

    public static IServiceCollection AddWebClient(this IServiceCollection services) =>
        services.AddSingleton<WebClientAssets>();

    /// <summary>Serves /app/*: cached for a year when the request names the file's current hash, revalidated otherwise.</summary>
    public static WebApplication UseWebClientAssets(this WebApplication app)
    {
        var assets = app.Services.GetRequiredService<WebClientAssets>();
        if (!Directory.Exists(assets.Root))
        {
            return app;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = WebClientAssets.RequestPath,
            FileProvider = new PhysicalFileProvider(assets.Root),
            OnPrepareResponse = context =>
            {
                var path = context.Context.Request.Path.Value ?? "";
                var current = assets.IsCurrentVersion(path[WebClientAssets.RequestPath.Length..], context.Context.Request.Query["v"]);
                context.Context.Response.Headers.CacheControl = current ? YearLong : "no-cache";
            },
        });
        return app;
    }

    public static WebApplication MapWebClient(this WebApplication app)
    {
        var assets = app.Services.GetRequiredService<WebClientAssets>();
        var policy = ContentSecurityPolicy(assets, app.Services.GetService<IMediaStore>());
        var shell = app.MapGroup("").ExcludeFromDescription().AllowAnonymous();
        foreach (var route in Routes)
        {
            shell.MapGet(route, (HttpContext context) =>
            {
                var headers = context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                return Results.Content(assets.Shell, "text/html; charset=utf-8");
            });
        }

        return app;
    }

    // Scripts only from this origin (and the shell's import map, by hash); no plugins, no framing. Images and uploads
    // may also go to Blob Storage on the Cluster profile (direct uploads), and previews of picked files are blob: URLs.
    private static string ContentSecurityPolicy(WebClientAssets assets, IMediaStore? media)
    {
        var storage = media is BlobMediaStore blobs ? " " + blobs.Endpoint.GetLeftPart(UriPartial.Authority) : "";
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' '{assets.ImportMapHash}'",
            "style-src 'self'",
            $"img-src 'self' blob: data:{storage}",
            $"media-src 'self' blob:{storage}",
            $"connect-src 'self'{storage}",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'");
    }
}
