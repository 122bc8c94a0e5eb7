namespace Instagram.Grains.Media;

/// <summary>One piece of an upload through the Api: <c>Content-Range: bytes Offset-(Offset+Bytes.Length-1)/TotalBytes</c>.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.UploadChunk")]
public sealed record UploadChunk(
    [property: Id(0)] long Offset,
    [property: Id(1)] long TotalBytes,
    [property: Id(2)] byte[] Bytes);
