namespace Instagram.Grains.Media;

/// <summary>
/// Reads a whole upload into memory, but never more than it was declared to be: the Api reads a request body with it
/// and the media pipeline the stored upload object, so an oversized body or object costs at most one buffer past the
/// bound, never the whole thing.
/// </summary>
public static class BoundedStreamReader
{
    private const int BufferSize = 81920;

    // A declared size is only a claim: start small and grow with what actually arrives.
    private const int MaxInitialCapacity = 1 << 20;

    /// <summary>The stream's bytes, or null as soon as it proves longer than <paramref name="limit"/> (the rest is left unread).</summary>
    public static async Task<byte[]?> ReadAllAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream((int)Math.Clamp(limit, 0, MaxInitialCapacity));
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (content.Length + read > limit)
            {
                return null;
            }

            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }
}
