using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Instagram.Grains.Abstractions;
using Microsoft.Extensions.Logging;

namespace Instagram.Silo.Media;

/// <summary>
/// The blob service's CORS rule for browsers that PUT uploads straight to a SAS URL (the web client): without it the
/// browser's preflight is refused and a direct upload never starts. Other rules on the account are kept; a rule for
/// the same origins is replaced, and nothing is written when the rule is already there, so every Api and silo process
/// can apply it at start-up.
/// </summary>
public static class BrowserUploadCors
{
    /// <summary>The rule for <paramref name="origins"/>: PUT (Put Blob, Put Block, Put Block List) and its preflight.</summary>
    public static BlobCorsRule RuleFor(IEnumerable<string> origins) => new()
    {
        // A trailing slash never matches: browsers send the Origin header without one.
        AllowedOrigins = string.Join(',', origins.Select(origin => origin.Trim().TrimEnd('/')).Where(origin => origin.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)),
        AllowedMethods = "PUT,OPTIONS",
        AllowedHeaders = "content-type,x-ms-blob-type,x-ms-*",
        ExposedHeaders = "",
        MaxAgeInSeconds = 3600,
    };

    /// <summary>Adds or updates the rule; true when the service's properties were written.</summary>
    public static async Task<bool> ApplyAsync(BlobServiceClient service, BlobCorsRule rule, CancellationToken cancellationToken)
    {
        var properties = (await service.GetPropertiesAsync(cancellationToken)).Value;
        var rules = properties.Cors?.ToList() ?? [];
        if (rules.Any(existing => SameRule(existing, rule)))
        {
            return false;
        }

        rules.RemoveAll(existing => SameOrigins(existing, rule));
        rules.Add(rule);
        // The properties as read, with only CORS changed: Azurite refuses a document that leaves the others out.
        properties.Cors = rules;
        await service.SetPropertiesAsync(properties, cancellationToken);
        return true;
    }

    private static bool SameOrigins(BlobCorsRule a, BlobCorsRule b) =>
        Split(a.AllowedOrigins).SetEquals(Split(b.AllowedOrigins));

    private static bool SameRule(BlobCorsRule a, BlobCorsRule b) =>
        SameOrigins(a, b) && Split(a.AllowedMethods).SetEquals(Split(b.AllowedMethods))
        && Split(a.AllowedHeaders).SetEquals(Split(b.AllowedHeaders)) && Split(a.ExposedHeaders).SetEquals(Split(b.ExposedHeaders))
        && a.MaxAgeInSeconds == b.MaxAgeInSeconds;

    private static HashSet<string> Split(string? list) =>
        new((list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Applies <see cref="BrowserUploadCors"/> once at start-up when <c>Media:BrowserUploadOrigins</c> is set, in the
/// background: a failure (storage down, or an identity without the right to change service properties) is logged and
/// start-up goes on, since everything but browser uploads works without it.
/// </summary>
internal sealed partial class BrowserUploadCorsSetup(IMediaStore store, IOptions<LocalMediaOptions> options, ILogger<BrowserUploadCorsSetup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not BlobMediaStore blobs || options.Value.BrowserUploadOrigins.Length == 0)
        {
            return;
        }

        var origins = string.Join(", ", options.Value.BrowserUploadOrigins);
        try
        {
            if (await blobs.AllowBrowserUploadsAsync(stoppingToken))
            {
                LogApplied(logger, origins);
            }
        }
        catch (RequestFailedException ex)
        {
            LogFailed(logger, origins, ex);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob Storage now allows browser uploads from {Origins}")]
    private static partial void LogApplied(ILogger logger, string origins);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set Blob Storage's CORS rule for browser uploads from {Origins}: browsers there cannot upload until it is set (e.g. by the deployment)")]
    private static partial void LogFailed(ILogger logger, string origins, Exception exception);
}
