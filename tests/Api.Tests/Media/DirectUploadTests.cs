using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Grains.Common;
using Instagram.Grains.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Media;

/// <summary>
/// Direct-to-storage uploads in the Cluster profile: the client PUTs to Azurite with the SAS URL the Api issued (the
/// Api never sees the bytes), and the media grain finds the blob in storage by itself.
/// </summary>
[Trait("Category", "Services")]
[Collection(BlobMediaCollection.Name)]
public sealed class DirectUploadTests(BlobMediaApiFixture fixture) : IDisposable
{
    private readonly HttpClient _storage = new(); // a client talking to Azurite, not to the Api

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task TheClientUploadsStraightToBlobStorageAndThePostPublishes()
    {
        var user = await ApiClient.RegisterAsync(fixture.Api);
        var photo = MediaImages.Jpeg(1600, 1200);
        var slot = await MediaUploads.CreateSlotAsync(user, "image/jpeg", photo.Length);
        var sas = new Uri(slot["uploadUrl"]!.GetValue<string>());
        Assert.Equal("azure-blob", slot["protocol"]!.GetValue<string>());
        // The SAS points at the storage account itself (Azurite's endpoint here), never at the Api.
        var blobEndpoint = Environment.GetEnvironmentVariable("ConnectionStrings__Blobs")!.Split(';')
            .Single(part => part.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..];
        Assert.Equal(new Uri(blobEndpoint).Authority, sas.Authority);
        Assert.Contains("sp=cw", sas.Query, StringComparison.Ordinal); // create + write, nothing else
        Assert.Equal("BlockBlob", slot["requiredHeaders"]!["x-ms-blob-type"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Created, (await PutBlobAsync(sas, photo)).StatusCode);

        // Posting at once works: the grain checks storage itself instead of waiting for its next look.
        var postId = await MediaUploads.CreatePostAsync(user, slot["mediaId"]!.GetValue<string>());
        await Eventually.TrueAsync(async () => await MediaUploads.PostStatusAsync(user, postId) == "published", "post published");
        var media = (await user.GetJsonAsync($"/v1/posts/{postId}"))!["media"]![0]!;
        Assert.Equal((1080, 810), (media["width"]!.GetValue<int>(), media["height"]!.GetValue<int>()));
        var variant = await fixture.Api.CreateClient().GetAsync(media["variants"]!["medium"]!.GetValue<string>()); // served from Blob Storage
        Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", variant.Headers.CacheControl?.ToString());
        Assert.Equal((640, 480), Size(await variant.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task TheSasUrlIsWriteOnlyAndScopedToItsOneBlob()
    {
        var user = await ApiClient.RegisterAsync(fixture.Api);
        var png = MediaImages.Png(64, 64);
        var sas = new Uri((await MediaUploads.CreateSlotAsync(user, "image/png", png.Length))["uploadUrl"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await PutBlobAsync(sas, png)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await _storage.GetAsync(sas)).StatusCode); // cannot read back
        Assert.Equal(HttpStatusCode.Forbidden, (await _storage.DeleteAsync(sas)).StatusCode); // cannot delete
        var mediaId = sas.Segments[^1];
        var otherBlob = new UriBuilder(sas) { Path = $"/devstoreaccount1/media/{mediaId}/original" }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await PutBlobAsync(otherBlob, png)).StatusCode); // cannot write another blob
        var anotherItem = new UriBuilder(sas) { Path = $"/devstoreaccount1/media/{MediaKeys.Upload(long.MaxValue)}" }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await PutBlobAsync(anotherItem, png)).StatusCode);
        var list = new UriBuilder(sas) { Path = "/devstoreaccount1/media", Query = sas.Query.TrimStart('?') + "&restype=container&comp=list" }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await _storage.GetAsync(list)).StatusCode); // cannot list
    }

    [Fact]
    public async Task BlocksStagedOutOfOrderRetriedAndResumedAreProcessedOnceCommittedInStorage()
    {
        var user = await ApiClient.RegisterAsync(fixture.Api);
        var bytes = MediaImages.NoisyJpeg(1200, 900);
        var slot = await MediaUploads.CreateSlotAsync(user, "image/jpeg", bytes.Length);
        var (mediaId, sas, chunkSize) = (slot["mediaId"]!.GetValue<string>(), new Uri(slot["uploadUrl"]!.GetValue<string>()), slot["chunkSize"]!.GetValue<int>());
        var blocks = Enumerable.Range(0, (bytes.Length + chunkSize - 1) / chunkSize).ToArray();
        Assert.True(blocks.Length >= 3);

        foreach (var block in blocks.Reverse().Take(2))
        {
            Assert.Equal(HttpStatusCode.Created, (await PutBlockAsync(sas, bytes, block, chunkSize)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await PutBlockAsync(sas, bytes, blocks[^1], chunkSize)).StatusCode); // retried

        // Staged blocks are not an upload: the client's "done" is checked against storage and refused.
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsync($"/v1/media/{mediaId}/complete", null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("uploading", (await MediaUploads.StatusAsync(user, mediaId))["status"]!.GetValue<string>());

        // Resume on a new connection with the blocks not sent yet, then commit the list in order.
        using (var resumed = new HttpClient())
        {
            foreach (var block in blocks.SkipLast(2))
            {
                Assert.Equal(HttpStatusCode.Created, (await PutBlockAsync(sas, bytes, block, chunkSize, resumed)).StatusCode);
            }
        }

        var blockList = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>" + string.Concat(blocks.Select(b => $"<Latest>{BlockId(b)}</Latest>")) + "</BlockList>";
        var commit = await _storage.PutAsync(new Uri(sas + "&comp=blocklist"), new StringContent(blockList, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Created, commit.StatusCode);

        var done = await user.Http.PostAsync($"/v1/media/{mediaId}/complete", null);
        Assert.True(done.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"complete answered {done.StatusCode}");
        var ready = await MediaUploads.WaitForStatusAsync(user, mediaId, "ready");
        Assert.Equal((1080, 810), (ready["width"]!.GetValue<int>(), ready["height"]!.GetValue<int>()));
        Assert.Equal(bytes.Length, ready["sizeBytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task ADirectUploadIsFoundInStorageWithoutAnyCallFromTheClient()
    {
        var user = await ApiClient.RegisterAsync(fixture.Api);
        var webp = MediaImages.WebP(500, 500);
        var slot = await MediaUploads.CreateSlotAsync(user, "image/webp", webp.Length);

        Assert.Equal(HttpStatusCode.Created, (await PutBlobAsync(new Uri(slot["uploadUrl"]!.GetValue<string>()), webp)).StatusCode);

        var ready = await MediaUploads.WaitForStatusAsync(user, slot["mediaId"]!.GetValue<string>(), "ready");
        Assert.Equal((500, 500), (ready["width"]!.GetValue<int>(), ready["height"]!.GetValue<int>()));
        Assert.Equal("image/webp", ready["contentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task DirectUploadsThatBreakTheRulesFailWithAReasonAndLeaveNothingBehind()
    {
        var user = await ApiClient.RegisterAsync(fixture.Api);
        var png = MediaImages.Png(300, 200);
        var cases = new (string ContentType, long Declared, byte[] Bytes, string Reason)[]
        {
            ("image/png", png.Length - 10, png, "larger than the"),
            ("image/png", 1024, MediaImages.PngBomb(), "50000x50000 pixels"),
            ("image/png", 1024, "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray(), "not an image"),
            ("image/jpeg", png.Length, png, "declared as image/jpeg"),
        };
        var uploads = new List<(string MediaId, string Reason)>();
        foreach (var (contentType, declared, bytes, reason) in cases)
        {
            var slot = await MediaUploads.CreateSlotAsync(user, contentType, declared);
            Assert.Equal(HttpStatusCode.Created, (await PutBlobAsync(new Uri(slot["uploadUrl"]!.GetValue<string>()), bytes)).StatusCode); // storage takes anything
            uploads.Add((slot["mediaId"]!.GetValue<string>(), reason));
        }

        foreach (var (mediaId, reason) in uploads)
        {
            var failed = await MediaUploads.WaitForStatusAsync(user, mediaId, "failed");
            Assert.Contains(reason, failed["failureReason"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.False(await fixture.Container.GetBlobClient(MediaKeys.Upload(long.Parse(mediaId, CultureInfo.InvariantCulture))).ExistsAsync());
            var token = MediaUrlTests.TokenOf(failed["variants"]!["full"]!.GetValue<string>());
            Assert.False(await fixture.Container.GetBlobClient($"{mediaId}/{token}/full.webp").ExistsAsync());
        }
    }

    [Fact]
    public async Task AnAbandonedDirectUploadExpiresAndItsUncommittedBlocksAreDiscarded()
    {
        var user = await ApiClient.RegisterAsync(fixture.Api);
        var mediaId = fixture.Api.Services.GetRequiredService<IdGenerator>().NextId();
        var media = fixture.Grains.GetGrain<IMediaGrain>(mediaId);
        var ticket = await media.CreateUploadAsync(new MediaUploadSlot(long.Parse(user.Id, CultureInfo.InvariantCulture), "image/jpeg", 1_000_000, DateTimeOffset.UtcNow.AddSeconds(2), false));
        Assert.Equal(MediaUploadRoute.Direct, ticket.Route);
        var bytes = new byte[ticket.ChunkSize];
        Assert.Equal(HttpStatusCode.Created, (await PutBlockAsync(new Uri(ticket.DirectUploadUrl!), bytes, 0, (int)ticket.ChunkSize)).StatusCode);
        var blob = fixture.Container.GetBlockBlobClient(MediaKeys.Upload(mediaId));
        Assert.Single((await blob.GetBlockListAsync(BlockListTypes.Uncommitted)).Value.UncommittedBlocks);

        await Eventually.TrueAsync(async () => (await media.GetViewAsync())!.Status == MediaStatus.Failed, "upload expired", TimeSpan.FromSeconds(15));

        Assert.Contains("expired", (await media.GetProgressAsync(long.Parse(user.Id, CultureInfo.InvariantCulture))).FailureReason, StringComparison.Ordinal);
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => blob.GetBlockListAsync(BlockListTypes.All));
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task WhateverIsPutThroughTheSasUrlAfterProcessingIsDeletedWhenTheSlotExpires()
    {
        var user = await ApiClient.RegisterAsync(fixture.Api);
        var mediaId = fixture.Api.Services.GetRequiredService<IdGenerator>().NextId();
        var media = fixture.Grains.GetGrain<IMediaGrain>(mediaId);
        var png = TestImages.Png(8, 8);
        var ticket = await media.CreateUploadAsync(new MediaUploadSlot(long.Parse(user.Id, CultureInfo.InvariantCulture), "image/png", png.Length, DateTimeOffset.UtcNow.AddSeconds(4), false));
        var sas = new Uri(ticket.DirectUploadUrl!);
        Assert.Equal(HttpStatusCode.Created, (await PutBlobAsync(sas, png)).StatusCode);
        await Eventually.TrueAsync(async () => (await media.GetViewAsync())!.Status == MediaStatus.Ready, "processed", TimeSpan.FromSeconds(15));

        // A SAS cannot be revoked: until it expires its holder can write the blob again, unchecked by the pipeline.
        Assert.Equal(HttpStatusCode.Created, (await PutBlobAsync(sas, [1, 2, 3])).StatusCode);
        var blob = fixture.Container.GetBlobClient(MediaKeys.Upload(mediaId));
        Assert.True((await blob.ExistsAsync()).Value);

        await Eventually.TrueAsync(async () => !(await blob.ExistsAsync()).Value, "deleted at the slot's expiry", TimeSpan.FromSeconds(20));
        Assert.Equal(MediaStatus.Ready, (await media.GetViewAsync())!.Status);
    }

    private Task<HttpResponseMessage> PutBlobAsync(Uri sas, byte[] bytes)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, sas) { Content = new ByteArrayContent(bytes) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        return _storage.SendAsync(request);
    }

    private Task<HttpResponseMessage> PutBlockAsync(Uri sas, byte[] bytes, int block, int chunkSize, HttpClient? client = null)
    {
        var from = block * chunkSize;
        var content = new ByteArrayContent(bytes[from..Math.Min(from + chunkSize, bytes.Length)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var uri = new Uri($"{sas}&comp=block&blockid={Uri.EscapeDataString(BlockId(block))}");
        return (client ?? _storage).PutAsync(uri, content);
    }

    private static string BlockId(int block) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{block:D6}"));

    private static (int Width, int Height) Size(byte[] bytes)
    {
        var (width, height, _) = MediaImages.Inspect(bytes);
        return (width, height);
    }
}
