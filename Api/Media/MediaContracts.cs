using System.ComponentModel.DataAnnotations;

namespace Instagram.Api.Media;

public sealed class CreateUploadRequest
{
    [Required, MaxLength(100)]
    public string ContentType { get; init; } = "";

    public long SizeBytes { get; init; }
}

/// <summary>Where and until when the client may PUT the bytes. One PUT of the whole file for now: chunkSize = sizeBytes.</summary>
public sealed record UploadSlotResponse(string MediaId, string UploadUrl, DateTimeOffset ExpiresAt, long ChunkSize);

public sealed record UploadedMediaResponse(string MediaId, string ContentType, int Width, int Height, long SizeBytes, string Url);
