namespace Instagram.Grains.Moderation;

/// <summary>One audit-log entry, keyed by its id; written once.</summary>
[Alias("Instagram.Grains.Moderation.IAdminActionGrain")]
public interface IAdminActionGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the entry; a repeat (a retried resolution) keeps the first.</summary>
    [Alias("RecordAsync")] Task RecordAsync(AdminAction action);

    [AlwaysInterleave, Alias("GetAsync")] Task<AdminAction?> GetAsync();
}
