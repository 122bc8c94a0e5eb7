namespace Instagram.Grains.Media;

[GenerateSerializer, Alias("Instagram.Grains.Media.MediaState")]
public sealed class MediaState
{
    [Id(0)] public MediaUploadSlot? Slot { get; set; }

    /// <summary>Set only for media registered through <see cref="IMediaTestSeam.CompleteUploadAsync"/> (stored and checked elsewhere).</summary>
    [Id(1)] public StoredMedia? Stored { get; set; }

    /// <summary>Set with the slot (and moved on from there); a record without a slot has no status worth reading.</summary>
    [Id(2)] public MediaStatus Status { get; set; }

    [Id(3)] public MediaUploadRoute Route { get; set; }

    [Id(4)] public long ChunkSize { get; set; }

    /// <summary>The upload's total size, fixed by its first chunk (Api route) or found in storage (direct route).</summary>
    [Id(5)] public long? TotalBytes { get; set; }

    /// <summary>Indexes of the chunks staged so far (Api route).</summary>
    [Id(6)] public HashSet<int> ReceivedChunks { get; set; } = [];

    /// <summary>The size the first chunk's header gave (before orientation), shown until processing is done.</summary>
    [Id(7)] public int HeaderWidth { get; set; }

    [Id(15)] public int HeaderHeight { get; set; }

    /// <summary>True once every byte arrived: the last chunk was committed, or the object was found in storage.</summary>
    [Id(16)] public bool UploadComplete { get; set; }

    /// <summary>Processing attempts that failed for reasons other than the image itself.</summary>
    [Id(8)] public int Attempts { get; set; }

    [Id(9)] public DateTimeOffset? NextAttemptAt { get; set; }

    [Id(10)] public string? FailureReason { get; set; }

    /// <summary>The sniffed type and the full variant's size, once processed.</summary>
    [Id(11)] public string? ContentType { get; set; }

    [Id(12)] public int Width { get; set; }

    [Id(13)] public int Height { get; set; }

    /// <summary>True while the item holds its lifecycle reminder (registered when there is something to clean up or finish).</summary>
    [Id(14)] public bool HasReminder { get; set; }

    /// <summary>
    /// The unguessable part of the variants' URLs and storage keys (<see cref="MediaUrlToken"/>). Drawn when the state
    /// is created, so the record has it from its first write (the slot's) and keeps it: every URL handed out stays valid.
    /// </summary>
    [Id(17)] public string UrlToken { get; set; } = MediaUrlToken.New();

    /// <summary>The one post, story or avatar the item belongs to (<see cref="IMediaGrain.ClaimAsync"/>); null while unused.</summary>
    [Id(18)] public MediaUse? Use { get; set; }

    /// <summary>A video's length from its probe (before it is transcoded: stories check it), else 0.</summary>
    [Id(19)] public int DurationMs { get; set; }

    /// <summary>A video's public files once transcoded (playlists, segments, poster), by name under the item's token.</summary>
    [Id(20)] public List<string> VideoFiles { get; set; } = [];
}
