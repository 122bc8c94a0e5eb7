namespace Instagram.Api.Media;

/// <summary>What the bytes say an image is, whatever the client declared.</summary>
public sealed record ImageFormat(string ContentType, string Extension, int Width, int Height);
