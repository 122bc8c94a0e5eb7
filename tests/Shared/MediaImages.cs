using System.Buffers.Binary;
using System.IO.Compression;
using NetVips;

namespace Instagram.Tests.Shared;

/// <summary>Images made in code for the media tests (NetVips for real images, raw bytes for hostile ones).</summary>
internal static class MediaImages
{
    /// <summary>A smooth gradient (compresses well, decodes fast).</summary>
    public static byte[] Jpeg(int width, int height, int? orientation = null, bool gps = false)
    {
        using var image = Gradient(width, height);
        using var tagged = image.Mutate(m =>
        {
            if (orientation is { } value)
            {
                m.Set(GValue.GIntType, "orientation", value);
                m.Set(GValue.GStrType, "exif-ifd0-Orientation", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (gps)
            {
                m.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
                m.Set(GValue.GStrType, "exif-ifd3-GPSLatitude", "51/1 30/1 2648/100");
                m.Set(GValue.GStrType, "exif-ifd3-GPSLongitudeRef", "W");
                m.Set(GValue.GStrType, "exif-ifd3-GPSLongitude", "0/1 7/1 3996/100");
            }
        });
        return tagged.JpegsaveBuffer(q: 90);
    }

    /// <summary>Noise: a big file for its pixel count, so a modest image spans several 64 KiB chunks.</summary>
    public static byte[] NoisyJpeg(int width, int height)
    {
        using var noise = Image.Gaussnoise(width, height, mean: 128, sigma: 50);
        using var rgb = noise.Bandjoin(noise.Rot180(), noise.FlipHor()).Cast(Enums.BandFormat.Uchar);
        return rgb.JpegsaveBuffer(q: 95);
    }

    /// <summary>Blurred noise: detail like a photograph's, so encoding costs what a real photo costs.</summary>
    public static byte[] Textured(int width, int height, string contentType)
    {
        using var noise = Image.Gaussnoise(width, height, mean: 128, sigma: 40);
        using var rgb = noise.Bandjoin(noise.Rot180(), noise.FlipHor()).Cast(Enums.BandFormat.Uchar);
        using var blurred = rgb.Gaussblur(2).Copy(interpretation: Enums.Interpretation.Srgb);
        return contentType == "image/png" ? blurred.PngsaveBuffer() : blurred.JpegsaveBuffer(q: 85);
    }

    /// <summary>A colour gradient with grain: reads as a picture in screenshots and weighs what a photo weighs.</summary>
    public static byte[] Photo(int width, int height)
    {
        using var gradient = Gradient(width, height);
        using var noise = Image.Gaussnoise(width, height, mean: 0, sigma: 14);
        using var grain = noise.Bandjoin(noise.FlipHor(), noise.Rot180());
        using var sum = gradient + grain;
        using var photo = sum.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return photo.JpegsaveBuffer(q: 88);
    }

    public static byte[] Png(int width, int height)
    {
        using var image = Gradient(width, height);
        return image.PngsaveBuffer();
    }

    public static byte[] WebP(int width, int height)
    {
        using var image = Gradient(width, height);
        return image.WebpsaveBuffer();
    }

    public static byte[] Avif(int width, int height)
    {
        using var image = Gradient(width, height);
        return image.HeifsaveBuffer(compression: Enums.ForeignHeifCompression.Av1);
    }

    /// <summary>A tiny, well-formed PNG whose header declares <paramref name="width"/>x<paramref name="height"/> pixels.</summary>
    public static byte[] PngBomb(int width = 50_000, int height = 50_000)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[64 * 1024]); // the first rows of zeros; the rest would follow
        }

        return PngWriter.Build(header, compressed.ToArray());
    }

    /// <summary>A PNG with a good header (64x64) and pixel data that is not zlib at all.</summary>
    public static byte[] CorruptPng()
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 64);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 64);
        header[8] = 8;
        header[9] = 2;
        var garbage = new byte[2048];
        new Random(42).NextBytes(garbage);
        return PngWriter.Build(header, garbage);
    }

    /// <summary>The start of an HEIC file (ftyp box, brand heic): recognised, and refused.</summary>
    public static byte[] Heic() =>
    [
        0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c', 0, 0, 0, 0,
        (byte)'m', (byte)'i', (byte)'f', (byte)'1', (byte)'h', (byte)'e', (byte)'i', (byte)'c', .. new byte[200],
    ];

    public static (int Width, int Height, string[] Fields) Inspect(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes);
        return (image.Width, image.Height, image.GetFields());
    }

    public static bool HasMetadata(string[] fields) =>
        fields.Any(f => f.StartsWith("exif", StringComparison.Ordinal) || f is "xmp-data" or "iptc-data" or "icc-profile-data" or "orientation");

    private static Image Gradient(int width, int height)
    {
        using var xyz = Image.Xyz(width, height);
        using var x = xyz[0];
        using var y = xyz[1];
        using var red = x * (255.0 / width);
        using var green = y * (255.0 / height);
        using var blue = (x + y) * (127.0 / (width + height)) + 64;
        using var rgb = red.Bandjoin(green, blue);
        return rgb.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }
}
