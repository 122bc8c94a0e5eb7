namespace Instagram.Grains.Media;

/// <summary>What a media item is used by; each item has at most one use (<see cref="MediaUse"/>).</summary>
[GenerateSerializer, Alias("Instagram.Grains.Media.MediaUseKind")]
public enum MediaUseKind
{
    Post = 0,
    Story = 1,
    Avatar = 2,
    Message = 3,
}
