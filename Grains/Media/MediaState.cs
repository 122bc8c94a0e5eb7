namespace Instagram.Grains.Media;

[GenerateSerializer, Alias("Instagram.Grains.Media.MediaState")]
public sealed class MediaState
{
    [Id(0)] public MediaUploadSlot? Slot { get; set; }
    [Id(1)] public StoredMedia? Stored { get; set; }
}
