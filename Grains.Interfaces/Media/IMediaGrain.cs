namespace Instagram.Grains.Media;

/// <summary>
/// One media item from upload slot to variants: it issues the upload target, stages chunks, notices when the upload
/// is complete (the last chunk through the Api, or the object appearing in storage), runs the processing pipeline off
/// the request path with retries, and reports the status. Reads interleave with a running pipeline.
/// </summary>
[Alias("Instagram.Grains.Media.IMediaGrain")]
public interface IMediaGrain : IGrainWithIntegerKey
{
    /// <summary>Records the slot and returns where the bytes go (a direct storage URL, or the Api).</summary>
    [Alias("CreateUploadAsync")] Task<MediaUploadTicket> CreateUploadAsync(MediaUploadSlot slot);

    /// <summary>The slot an upload must respect (<c>Completed</c> once all bytes arrived), or null when there is none.</summary>
    [AlwaysInterleave, Alias("GetUploadSlotAsync")] Task<MediaUploadSlot?> GetUploadSlotAsync();

    /// <summary>Stages one chunk of an upload through the Api (any order, retries overwrite); the chunk that completes the upload starts processing.</summary>
    [Alias("ReceiveChunkAsync")] Task<MediaProgress> ReceiveChunkAsync(UploadChunk chunk);

    /// <summary>The uploader's "I am done" for a direct upload: checked against storage, never taken on trust.</summary>
    [Alias("CheckUploadAsync")] Task<MediaProgress> CheckUploadAsync(long requestedBy);

    /// <summary>Upload and processing state for the owner (what to resume, why it failed).</summary>
    [AlwaysInterleave, Alias("GetProgressAsync")] Task<MediaProgress> GetProgressAsync(long requestedBy);

    /// <summary>
    /// The media for use by its owner in a post, story or avatar: uploaded media qualify even while processing (the
    /// view says so); refuses anyone else's, not yet uploaded and failed media. A check only: uses take the item with <see cref="ClaimAsync"/>.
    /// </summary>
    [AlwaysInterleave, Alias("GetOwnedViewAsync")] Task<MediaView> GetOwnedViewAsync(long ownerId);

    /// <summary>
    /// Takes the item for one use, as <see cref="GetOwnedViewAsync"/> checks it: the same use again gets the view (a
    /// retried creation), any other use a conflict. The claim lasts until the item is deleted with its use. Interleaves,
    /// as the check does, so a post can take an item whose pipeline is running.
    /// </summary>
    [AlwaysInterleave, Alias("ClaimAsync")] Task<MediaView> ClaimAsync(long ownerId, MediaUse use);

    /// <summary>Gives the item back when its use was never written (a failed creation); a claim by another use stays.</summary>
    [AlwaysInterleave, Alias("ReleaseAsync")] Task ReleaseAsync(MediaUse use);

    /// <summary>The current view with its status, or null when the item does not exist (posts wait on this).</summary>
    [AlwaysInterleave, Alias("GetViewAsync")] Task<MediaView?> GetViewAsync();

    /// <summary>
    /// Deletes every stored object (upload, original, variants) and the record, claim included: called when the item's
    /// use goes (a deleted post, an expired or deleted story), after which its URLs answer 404. Nothing to do when there is no record.
    /// </summary>
    [Alias("DeleteAsync")] Task DeleteAsync();
}
