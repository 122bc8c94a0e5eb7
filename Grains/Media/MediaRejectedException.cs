namespace Instagram.Grains.Media;

/// <summary>The bytes can never become a media item (wrong type, too big, a decompression bomb, undecodable): no retry helps.</summary>
public sealed class MediaRejectedException : Exception
{
    public MediaRejectedException(string reason) : base(reason)
    {
    }

    public MediaRejectedException(string reason, Exception inner) : base(reason, inner)
    {
    }
}
