using System.ComponentModel.DataAnnotations;
using Instagram.Api.Infrastructure.Validation;
using System.Globalization;
using Instagram.Grains.Media;

namespace Instagram.Api.Media;

public sealed class CreateUploadRequest
{
    [Required(ErrorMessage = "contentType is required."), MaxLength(100, ErrorMessage = "contentType may be at most 100 characters."), PlainText]
    public string ContentType { get; init; } = "";

    public long SizeBytes { get; init; }

    /// <summary>Optional: smaller chunks than the server's default (at least 64 KiB), for a flaky network.</summary>
    public long? ChunkSize { get; init; }
}

/// <summary>
/// Where and until when the client may PUT the bytes. <c>protocol</c> says how: <c>content-range</c> (the Api's
/// URL: the whole file, or chunks of <c>chunkSize</c> bytes with <c>Content-Range: bytes a-b/total</c>, any order) or
/// <c>azure-blob</c> (a SAS URL: one Put Blob with <c>requiredHeaders</c>, or Put Block per chunk then Put Block List).
/// </summary>
public sealed record UploadSlotResponse(
    string MediaId,
    string UploadUrl,
    DateTimeOffset ExpiresAt,
    long ChunkSize,
    string Protocol,
    IReadOnlyDictionary<string, string> RequiredHeaders)
{
    public const string ContentRangeProtocol = "content-range";
    public const string AzureBlobProtocol = "azure-blob";
}

/// <summary>An upload's progress and its processing's outcome (the PUT's answer, GET /v1/media/{id}).</summary>
public sealed record MediaStatusResponse(
    string MediaId,
    string Status,
    string ContentType,
    int Width,
    int Height,
    long SizeBytes,
    long DeclaredBytes,
    long ReceivedBytes,
    long ChunkSize,
    IReadOnlyList<int> ReceivedChunks,
    DateTimeOffset ExpiresAt,
    string Url,
    MediaVariants Variants,
    string? FailureReason,
    int FailedAttempts)
{
    public static MediaStatusResponse From(MediaProgress progress) => new(
        progress.MediaId.ToString(CultureInfo.InvariantCulture),
        progress.Status.ToString().ToLowerInvariant(),
        progress.ContentType,
        progress.View.Width,
        progress.View.Height,
        progress.TotalBytes ?? progress.DeclaredBytes,
        progress.DeclaredBytes,
        progress.ReceivedBytes,
        progress.ChunkSize,
        progress.ReceivedChunks,
        progress.ExpiresAt,
        progress.View.Variants.Full,
        progress.View.Variants,
        progress.FailureReason,
        progress.FailedAttempts);
}
