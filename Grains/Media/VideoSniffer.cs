using System.Buffers.Binary;

namespace Instagram.Grains.Media;

/// <summary>
/// Recognises a video container from its first bytes, before any decoder sees them: an ISO BMFF <c>ftyp</c> box with
/// a brand we know, or the EBML magic. A file that starts any other way (text renamed .mp4) is no video of ours.
/// </summary>
public static class VideoSniffer
{
    // Major and compatible brands of MP4 and QuickTime files from cameras, phones, browsers and ffmpeg.
    private static readonly HashSet<string> Brands =
        ["isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VP", "qt  ", "3gp4", "3gp5", "3gp6", "3g2a", "dash", "MSNV", "XAVC", "mmp4"];

    private static ReadOnlySpan<byte> EbmlMagic => [0x1A, 0x45, 0xDF, 0xA3];

    /// <summary>The container the bytes start as, or null when they are no container we accept.</summary>
    public static VideoContainer? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(EbmlMagic))
        {
            return VideoContainer.Ebml;
        }

        if (bytes.Length < 12 || !bytes[4..8].SequenceEqual("ftyp"u8))
        {
            return null;
        }

        var boxSize = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (boxSize < 16 && boxSize != 1)
        {
            return null;
        }

        // The major brand, then the compatible ones: one we know is enough.
        var end = (int)Math.Min(boxSize == 1 ? 16 : boxSize, (uint)bytes.Length);
        for (var offset = 8; offset + 4 <= end; offset += offset == 8 ? 8 : 4) // skip the minor version after the major brand
        {
            if (Brands.Contains(System.Text.Encoding.ASCII.GetString(bytes.Slice(offset, 4))))
            {
                return VideoContainer.IsoBmff;
            }
        }

        return null;
    }
}
