namespace Instagram.Grains.Media;

/// <summary>
/// What <see cref="MediaGrain"/> lends the two helpers that do its jobs, <see cref="MediaUploadSession"/> and
/// <see cref="MediaProcessingPipeline"/>: the one record, the one way to write it (so the queue-depth count follows
/// every change), the one wake-up timer, and itself as a grain for the reminder. The helpers change the record; only
/// the grain answers callers.
/// </summary>
internal interface IMediaHost : IGrainBase
{
    long MediaId { get; }

    MediaState State { get; }

    /// <summary>The unguessable part of the variants' keys and URLs (<see cref="MediaUrlToken"/>).</summary>
    string UrlToken { get; }

    Task SaveAsync();

    /// <summary>Has the grain move on by itself after <paramref name="due"/> (replacing any earlier wake-up).</summary>
    void WakeIn(TimeSpan due);

    /// <summary>Cancels a pending wake-up; the timer stays registered.</summary>
    void StopWaking();
}
