using Instagram.Grains.Abstractions;
using Instagram.Grains.Common.Errors;
using Instagram.Grains.Media;
using Instagram.Grains.Posts;
using Instagram.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Media;

/// <summary>
/// Uploads through the Api route (chunks staged by the media grain) and the pipeline behind them, run on both
/// profiles: a local folder in Embedded, Blob Storage (Azurite) with the grain committing blocks in Cluster.
/// </summary>
public abstract class MediaPipelineTests(ClusterFixture fixture)
{
    private const int ChunkSize = 64 * 1024;

    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);

    private IGrainFactory Grains => fixture.Grains;

    private IMediaStore Store => Services(fixture.Cluster.Primary!).GetRequiredService<IMediaStore>();

    [Fact]
    public async Task ChunksMayArriveInAnyOrderBeRetriedAndResumedAndTheLastOneStartsProcessing()
    {
        var owner = await _scenario.CreateUserAsync();
        var bytes = MediaImages.NoisyJpeg(1600, 1200);
        var (mediaId, media) = await NewUploadAsync(owner, bytes, ImageFormat.Jpeg, ChunkSize);
        var chunks = (bytes.Length + ChunkSize - 1) / ChunkSize;
        Assert.True(chunks >= 4, $"the test image needs several chunks, it has {chunks}");

        // Out of order, one chunk sent twice, then the connection "breaks".
        await SendChunkAsync(media, bytes, chunks - 1);
        await SendChunkAsync(media, bytes, 2);
        await SendChunkAsync(media, bytes, 0);
        var afterRetry = await SendChunkAsync(media, bytes, 0);
        Assert.Equal(MediaStatus.Uploading, afterRetry.Status);
        Assert.Equal([0, 2, chunks - 1], afterRetry.ReceivedChunks);
        Assert.False(await ExistsAsync(MediaKeys.Upload(mediaId))); // nothing committed yet

        // Resume: ask what arrived, send the rest.
        var progress = await media.GetProgressAsync(owner);
        MediaProgress last = progress;
        foreach (var missing in Enumerable.Range(0, chunks).Except(progress.ReceivedChunks))
        {
            last = await SendChunkAsync(media, bytes, missing);
        }

        Assert.NotEqual(MediaStatus.Uploading, last.Status);
        Assert.Equal(bytes.Length, last.ReceivedBytes);
        var view = await WaitForAsync(media, MediaStatus.Ready);

        Assert.Equal((1080, 810), (view.Width, view.Height));
        var token = TokenOf(view);
        Assert.True(MediaUrlToken.IsWellFormed(token), token);
        Assert.EndsWith($"/media/{mediaId}/{token}/thumbnail.webp", view.Variants.Thumbnail, StringComparison.Ordinal);
        Assert.EndsWith($"/media/{mediaId}/{token}/full.webp", view.Variants.Full, StringComparison.Ordinal);
        Assert.Equal((150, 150), await VariantSizeAsync(mediaId, MediaKeys.Thumbnail));
        Assert.Equal((320, 240), await VariantSizeAsync(mediaId, MediaKeys.Small));
        Assert.Equal((640, 480), await VariantSizeAsync(mediaId, MediaKeys.Medium));
        Assert.Equal((1080, 810), await VariantSizeAsync(mediaId, MediaKeys.Full));
        Assert.Equal(bytes, await ReadAsync(MediaKeys.Original(mediaId))); // kept, privately
        await Eventually.TrueAsync(async () => !await ExistsAsync(MediaKeys.Upload(mediaId)), "upload object deleted");
        await Assert.ThrowsAsync<DomainException>(() => SendChunkAsync(media, bytes, 0)); // complete: no more chunks
    }

    [Fact]
    public async Task ADecompressionBombIsRefusedAtItsFirstChunk()
    {
        var owner = await _scenario.CreateUserAsync();
        var bomb = MediaImages.PngBomb();
        var (_, media) = await NewUploadAsync(owner, bomb, ImageFormat.Png);

        var error = await Assert.ThrowsAsync<DomainException>(() => media.ReceiveChunkAsync(new UploadChunk(0, bomb.Length, bomb)));

        Assert.Equal(DomainErrorKind.Unprocessable, error.Kind);
        Assert.Contains("50000x50000", error.Message, StringComparison.Ordinal);
        Assert.Equal(MediaStatus.Uploading, (await media.GetProgressAsync(owner)).Status);
    }

    [Fact]
    public async Task APostStaysProcessingUntilItsMediaIsReadyThenPublishes()
    {
        var author = await _scenario.CreateUserAsync();
        var ready = await UploadReadyAsync(author, MediaImages.Jpeg(1200, 900));
        var bytes = MediaImages.Jpeg(900, 1200);
        long slow;
        long postId = fixture.Ids.NextId();
        var post = Grains.GetGrain<IPostGrain>(postId);
        using (PauseProcessing())
        {
            (slow, var media) = await NewUploadAsync(author, bytes, ImageFormat.Jpeg);
            Assert.Equal(MediaStatus.Processing, (await media.ReceiveChunkAsync(new UploadChunk(0, bytes.Length, bytes))).Status);

            Assert.Equal(PostStatus.Processing, await post.CreateAsync(new NewPost(author, "two photos", [ready, slow], null)));
            await Task.Delay(300);
            Assert.Equal(PostStatus.Processing, (await post.GetDetailsAsync())!.Status);
            Assert.Null(await post.GetViewAsync(await _scenario.CreateUserAsync())); // nobody else sees it yet
        }

        await Eventually.TrueAsync(async () => (await post.GetDetailsAsync())!.Status == PostStatus.Published, "post published");
        var published = (await post.GetDetailsAsync())!;
        Assert.All(published.Media, m => Assert.Equal(MediaStatus.Ready, m.Status));
        Assert.Equal((900, 1200), (published.Media[1].Width, published.Media[1].Height)); // the processed size, not the header's guess
        Assert.Equal((1080, 810), (published.Media[0].Width, published.Media[0].Height));
        Assert.Equal((900, 1200), await VariantSizeAsync(slow, MediaKeys.Full)); // never enlarged
    }

    [Fact]
    public async Task MediaThatFailsProcessingFailsThePostWithTheReason()
    {
        var author = await _scenario.CreateUserAsync();
        var corrupt = MediaImages.CorruptPng();
        var post = Grains.GetGrain<IPostGrain>(fixture.Ids.NextId());
        long mediaId;
        using (PauseProcessing())
        {
            (mediaId, var media) = await NewUploadAsync(author, corrupt, ImageFormat.Png);
            await media.ReceiveChunkAsync(new UploadChunk(0, corrupt.Length, corrupt)); // the header looks fine
            Assert.Equal(PostStatus.Processing, await post.CreateAsync(new NewPost(author, "broken", [mediaId], null)));
        }

        await Eventually.TrueAsync(async () => (await post.GetDetailsAsync())!.Status == PostStatus.Failed, "post failed");
        var details = (await post.GetDetailsAsync())!;
        Assert.Contains("could not be decoded", details.FailureReason, StringComparison.Ordinal);
        var progress = await Grains.GetGrain<IMediaGrain>(mediaId).GetProgressAsync(author);
        Assert.Equal(MediaStatus.Failed, progress.Status);
        Assert.Equal(details.FailureReason, progress.FailureReason);
        Assert.False(await ExistsAsync(await VariantKeyAsync(mediaId, MediaKeys.Full)));
        await Eventually.TrueAsync(async () => !await ExistsAsync(MediaKeys.Upload(mediaId)), "rejected upload deleted");

        // Failed media cannot be used again.
        var again = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<IPostGrain>(fixture.Ids.NextId()).CreateAsync(new NewPost(author, "x", [mediaId], null)));
        Assert.Equal(DomainErrorKind.Unprocessable, again.Kind);
    }

    [Fact]
    public async Task DeletingMediaRemovesEveryObject()
    {
        var owner = await _scenario.CreateUserAsync();
        var mediaId = await UploadReadyAsync(owner, MediaImages.Png(400, 300));
        var token = TokenOf((await Grains.GetGrain<IMediaGrain>(mediaId).GetViewAsync())!);
        Assert.True(await ExistsAsync(MediaKeys.Variant(mediaId, token, MediaKeys.Small)));

        await Grains.GetGrain<IMediaGrain>(mediaId).DeleteAsync();

        foreach (var key in MediaKeys.All(mediaId, token))
        {
            Assert.False(await ExistsAsync(key), key);
        }

        Assert.Null(await Grains.GetGrain<IMediaGrain>(mediaId).GetViewAsync());
    }

    private async Task<long> UploadReadyAsync(long owner, byte[] bytes)
    {
        var (mediaId, media) = await NewUploadAsync(owner, bytes, ImageSniffer.DetectType(bytes)!);
        await media.ReceiveChunkAsync(new UploadChunk(0, bytes.Length, bytes));
        await WaitForAsync(media, MediaStatus.Ready);
        return mediaId;
    }

    private async Task<(long MediaId, IMediaGrain Media)> NewUploadAsync(long owner, byte[] bytes, string contentType, long chunkSize = 0)
    {
        var mediaId = fixture.Ids.NextId();
        var media = Grains.GetGrain<IMediaGrain>(mediaId);
        var ticket = await media.CreateUploadAsync(new MediaUploadSlot(owner, contentType, bytes.Length, DateTimeOffset.UtcNow.AddMinutes(5), false, MediaUploadRoute.Api, chunkSize));
        Assert.Equal(MediaUploadRoute.Api, ticket.Route);
        Assert.Null(ticket.DirectUploadUrl);
        return (mediaId, media);
    }

    private static Task<MediaProgress> SendChunkAsync(IMediaGrain media, byte[] bytes, int index)
    {
        var offset = index * ChunkSize;
        return media.ReceiveChunkAsync(new UploadChunk(offset, bytes.Length, bytes[offset..Math.Min(offset + ChunkSize, bytes.Length)]));
    }

    private static async Task<MediaView> WaitForAsync(IMediaGrain media, MediaStatus status)
    {
        await Eventually.TrueAsync(async () => (await media.GetViewAsync())?.Status == status, $"media {status}");
        return (await media.GetViewAsync())!;
    }

    private async Task<(int Width, int Height)> VariantSizeAsync(long mediaId, string variant)
    {
        var (width, height, fields) = MediaImages.Inspect(await ReadAsync(await VariantKeyAsync(mediaId, variant)));
        Assert.False(MediaImages.HasMetadata(fields));
        return (width, height);
    }

    // The variants' keys hold the item's URL token, which only its view (the URL) tells.
    private async Task<string> VariantKeyAsync(long mediaId, string variant) =>
        MediaKeys.Variant(mediaId, TokenOf((await Grains.GetGrain<IMediaGrain>(mediaId).GetViewAsync())!), variant);

    private static string TokenOf(MediaView view) => view.Variants.Full.Split('/')[^2];

    private async Task<bool> ExistsAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None);
        return stream is not null;
    }

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None) ?? throw new InvalidOperationException($"{key} is not stored");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    // Holds every silo's pipeline so a test can see the waiting state; disposing lets it run.
    private Disposables PauseProcessing() =>
        new([.. fixture.Cluster.Silos.Select(silo => Services(silo).GetRequiredService<MediaProcessor>().Pause())]);

    private static IServiceProvider Services(SiloHandle silo) => ((InProcessSiloHandle)silo).SiloHost.Services;

    private sealed class Disposables(IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedMediaPipelineTests(EmbeddedClusterFixture fixture) : MediaPipelineTests(fixture);

[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class ClusterProfileMediaPipelineTests(ServicesClusterFixture fixture) : MediaPipelineTests(fixture);
