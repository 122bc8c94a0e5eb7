namespace Instagram.Grains.Media;

/// <summary>
/// A back door to <see cref="MediaGrain"/> for tests and the load tester, kept out of <see cref="IMediaGrain"/> so no
/// product code can reach it: it is internal to this assembly and visible only to the assemblies named in Grains.csproj.
/// The same grain implements both interfaces, so <c>GetGrain&lt;IMediaTestSeam&gt;(id)</c> reaches the activation
/// <c>GetGrain&lt;IMediaGrain&gt;(id)</c> does.
/// </summary>
[Alias("Instagram.Grains.Media.IMediaTestSeam")]
internal interface IMediaTestSeam : IGrainWithIntegerKey
{
    /// <summary>
    /// Registers media stored and checked elsewhere (seeding, load tests) on an existing slot: ready at once, every
    /// variant its one URL. A repeated registration keeps what was stored first.
    /// </summary>
    [Alias("CompleteUploadAsync")] Task<MediaView> CompleteUploadAsync(StoredMedia stored);
}
