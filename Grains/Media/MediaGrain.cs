namespace Instagram.Grains.Media;

internal sealed class MediaGrain(
    [PersistentState("media", ProviderNames.GrainStorage)] IPersistentState<MediaState> media,
    Abstractions.IMediaStore store) : Grain, IMediaGrain
{
    private long MediaId => this.GetPrimaryKeyLong();

    public async Task CreateUploadAsync(MediaUploadSlot slot)
    {
        if (media.State.Slot is not null)
        {
            throw DomainException.Conflict("This upload slot already exists.");
        }

        media.State.Slot = slot with { Completed = false };
        await media.WriteStateAsync();
    }

    public Task<MediaUploadSlot?> GetUploadSlotAsync() =>
        Task.FromResult(media.State.Slot is { } slot ? slot with { Completed = media.State.Stored is not null } : null);

    public async Task<MediaView> CompleteUploadAsync(StoredMedia stored)
    {
        if (media.State.Slot is null)
        {
            throw DomainException.NotFound("upload");
        }

        // A retried upload of the same item keeps what was stored first: media URLs are immutable.
        if (media.State.Stored is null)
        {
            media.State.Stored = stored;
            await media.WriteStateAsync();
        }

        return ToView(media.State.Stored);
    }

    public Task<MediaView> GetOwnedViewAsync(long ownerId)
    {
        if (media.State.Slot is not { } slot)
        {
            throw DomainException.NotFound("media");
        }

        if (slot.OwnerId != ownerId)
        {
            throw DomainException.Forbidden($"Media {MediaId} belongs to someone else.");
        }

        return media.State.Stored is { } stored
            ? Task.FromResult(ToView(stored))
            : throw DomainException.Unprocessable($"Media {MediaId} has not been uploaded yet.");
    }

    public async Task DeleteAsync()
    {
        if (media.State.Stored is { StorageKey: { } key })
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }

        await media.ClearStateAsync();
    }

    // Until the processing pipeline writes real variants, every size points at the validated original.
    private MediaView ToView(StoredMedia stored) => new(MediaId, "image", stored.Width, stored.Height,
        new MediaVariants(stored.OriginalUrl, stored.OriginalUrl, stored.OriginalUrl, stored.OriginalUrl));
}
