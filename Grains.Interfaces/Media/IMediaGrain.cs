namespace Instagram.Grains.Media;

/// <summary>One uploaded media item: who owns it, what was declared and what arrived.</summary>
[Alias("Instagram.Grains.Media.IMediaGrain")]
public interface IMediaGrain : IGrainWithIntegerKey
{
    [Alias("CreateUploadAsync")] Task CreateUploadAsync(MediaUploadSlot slot);

    /// <summary>The slot an upload must respect, or null when there is none.</summary>
    [Alias("GetUploadSlotAsync")] Task<MediaUploadSlot?> GetUploadSlotAsync();

    /// <summary>Records the stored, validated bytes; called once the upload is complete.</summary>
    [Alias("CompleteUploadAsync")] Task<MediaView> CompleteUploadAsync(StoredMedia stored);

    /// <summary>The ready media for use by its owner in a post or as an avatar; refuses anyone else's or unfinished media.</summary>
    [Alias("GetOwnedViewAsync")] Task<MediaView> GetOwnedViewAsync(long ownerId);

    /// <summary>Deletes the stored bytes and the record (ephemeral media, such as an expired story's).</summary>
    [Alias("DeleteAsync")] Task DeleteAsync();
}
