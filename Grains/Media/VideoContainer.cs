namespace Instagram.Grains.Media;

/// <summary>A video container family, as its first bytes say.</summary>
public enum VideoContainer
{
    /// <summary>ISO base media file format: an <c>ftyp</c> box (MP4, QuickTime).</summary>
    IsoBmff,

    /// <summary>EBML (Matroska, WebM).</summary>
    Ebml,
}
