namespace Instagram.Grains.Media;

/// <summary>Which way the bytes of an upload travel.</summary>
[GenerateSerializer, Alias("Instagram.Grains.Media.MediaUploadRoute")]
public enum MediaUploadRoute
{
    /// <summary>Through the Api's own signed URL, whole or in <c>Content-Range</c> chunks that the media grain stages.</summary>
    Api = 0,

    /// <summary>Straight to storage with a write-only URL for one object (a SAS URL on Blob Storage).</summary>
    Direct = 1,
}
