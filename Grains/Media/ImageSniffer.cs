using System.Buffers.Binary;

namespace Instagram.Grains.Media;

/// <summary>
/// Identifies JPEG, PNG, WebP, AVIF (and HEIC, to refuse it by name) by their magic bytes, never by file name or
/// declared type, and reads the pixel size from the header where it is cheap to find (PNG, JPEG, WebP). It needs
/// only the first bytes, so the Api can check the first chunk of an upload before the rest arrives.
/// </summary>
public static class ImageSniffer
{
    /// <summary>The type and, when the header is within <paramref name="data"/>, the size; null for anything else.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> data)
    {
        var type = DetectType(data);
        var sized = type switch
        {
            ImageFormat.Png => SizeOfPng(data),
            ImageFormat.Jpeg => SizeOfJpeg(data),
            ImageFormat.WebP => SizeOfWebP(data),
            _ => null,
        };
        return type is null ? null : sized ?? new ImageFormat(type, 0, 0);
    }

    /// <summary>The content type the magic bytes name, or null when they name none we know.</summary>
    public static string? DetectType(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 8 && data.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }

        if (data.Length >= 16 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        return DetectIsoMediaImage(data);
    }

    // HEIF containers (AVIF, HEIC) start with an ISO-BMFF "ftyp" box: size, "ftyp", major brand, minor version,
    // compatible brands. AVIF is the major brand avif/avis, or a generic major brand (mif1, msf1) listing avif.
    private static string? DetectIsoMediaImage(ReadOnlySpan<byte> data)
    {
        if (data.Length < 16 || !data.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return null;
        }

        var boxSize = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data), (uint)data.Length);
        var major = data.Slice(8, 4);
        if (major.SequenceEqual("avif"u8) || major.SequenceEqual("avis"u8))
        {
            return ImageFormat.Avif;
        }

        var isHeic = major.SequenceEqual("heic"u8) || major.SequenceEqual("heix"u8) || major.SequenceEqual("hevc"u8)
            || major.SequenceEqual("hevx"u8) || major.SequenceEqual("heim"u8) || major.SequenceEqual("heis"u8);
        var isGeneric = major.SequenceEqual("mif1"u8) || major.SequenceEqual("msf1"u8);
        for (var offset = 16; offset + 4 <= boxSize; offset += 4)
        {
            var brand = data.Slice(offset, 4);
            if (isGeneric && (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8)))
            {
                return ImageFormat.Avif;
            }

            isHeic |= brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8);
        }

        return isHeic || isGeneric ? ImageFormat.Heic : null;
    }

    private static ImageFormat? SizeOfPng(ReadOnlySpan<byte> data)
    {
        if (data.Length < 24 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return Sized(ImageFormat.Png, BinaryPrimitives.ReadUInt32BigEndian(data[16..]), BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
    }

    private static ImageFormat? SizeOfJpeg(ReadOnlySpan<byte> data)
    {
        // Walk the marker segments until a start-of-frame, which carries the size.
        var position = 2;
        while (position + 9 < data.Length)
        {
            if (data[position] != 0xFF)
            {
                return null;
            }

            var marker = data[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                position += 2; // markers without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame)
            {
                return Sized(ImageFormat.Jpeg,
                    BinaryPrimitives.ReadUInt16BigEndian(data[(position + 7)..]),
                    BinaryPrimitives.ReadUInt16BigEndian(data[(position + 5)..]));
            }

            if (marker == 0xD9 || length < 2)
            {
                return null;
            }

            position += 2 + length;
        }

        return null;
    }

    private static ImageFormat? SizeOfWebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
        {
            return null;
        }

        var chunk = data.Slice(12, 4);
        if (chunk.SequenceEqual("VP8 "u8) && data[23] == 0x9D && data[24] == 0x01 && data[25] == 0x2A)
        {
            return Sized(ImageFormat.WebP, BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFFu, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFFu);
        }

        if (chunk.SequenceEqual("VP8L"u8) && data[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return Sized(ImageFormat.WebP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            return Sized(ImageFormat.WebP, ReadUInt24(data[24..]) + 1u, ReadUInt24(data[27..]) + 1u);
        }

        return null;
    }

    // A header may claim up to 2^32-1 pixels a side; clamp rather than overflow, the pixel limit rejects it anyway.
    private static ImageFormat Sized(string type, uint width, uint height) =>
        new(type, (int)Math.Min(width, int.MaxValue), (int)Math.Min(height, int.MaxValue));

    private static uint ReadUInt24(ReadOnlySpan<byte> data) => (uint)(data[0] | (data[1] << 8) | (data[2] << 16));
}
