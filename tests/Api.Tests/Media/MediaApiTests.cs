using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Media;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Grains.Abstractions;
using Instagram.Grains.Common;
using Instagram.Grains.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Media;

/// <summary>The media pipeline over HTTP in the Embedded profile: the Api's own upload URL and the local folder.</summary>
[Collection(MediaApiCollection.Name)]
public sealed class MediaApiTests(MediaApiFactory factory)
{
    private const int ChunkSize = MediaApiFactory.ChunkSize;

    [Fact]
    public async Task AChunkedUploadArrivesOutOfOrderIsRetriedAndResumedThenItsVariantsAreServed()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var bytes = MediaImages.NoisyJpeg(1600, 1200);
        var slot = await MediaUploads.CreateSlotAsync(user, "image/jpeg", bytes.Length);
        Assert.Equal(ChunkSize, slot["chunkSize"]!.GetValue<long>());
        Assert.Equal("content-range", slot["protocol"]!.GetValue<string>());
        var (mediaId, url) = (slot["mediaId"]!.GetValue<string>(), slot["uploadUrl"]!.GetValue<string>());
        var chunks = (bytes.Length + ChunkSize - 1) / ChunkSize;
        Assert.True(chunks >= 4);

        Assert.Equal(HttpStatusCode.Accepted, (await MediaUploads.PutChunkAsync(user, url, bytes, chunks - 1, ChunkSize)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await MediaUploads.PutChunkAsync(user, url, bytes, 1, ChunkSize)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await MediaUploads.PutChunkAsync(user, url, bytes, 1, ChunkSize)).StatusCode); // retried

        // After a break the client asks what arrived, and sends the rest; chunk 0 completes the upload.
        var status = await MediaUploads.StatusAsync(user, mediaId);
        Assert.Equal("uploading", status["status"]!.GetValue<string>());
        var received = status["receivedChunks"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        Assert.Equal([1, chunks - 1], received);
        foreach (var missing in Enumerable.Range(1, chunks - 1).Except(received))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await MediaUploads.PutChunkAsync(user, url, bytes, missing, ChunkSize)).StatusCode);
        }

        var last = await MediaUploads.PutChunkAsync(user, url, bytes, 0, ChunkSize);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal(1600, (await last.Content.ReadFromJsonAsync<JsonObject>())!["width"]!.GetValue<int>()); // the header's word, until processed

        var ready = await MediaUploads.WaitForStatusAsync(user, mediaId, "ready");
        Assert.Equal((1080, 810), (ready["width"]!.GetValue<int>(), ready["height"]!.GetValue<int>()));
        Assert.Equal(bytes.Length, ready["receivedBytes"]!.GetValue<long>());
        var variants = ready["variants"]!;
        foreach (var (name, size) in new[] { ("thumbnail", (150, 150)), ("small", (320, 240)), ("medium", (640, 480)), ("full", (1080, 810)) })
        {
            var variantUrl = variants[name]!.GetValue<string>();
            Assert.Matches($"^/media/{mediaId}/[A-Za-z0-9_-]{{22}}/{name}\\.webp$", variantUrl);
            var response = await factory.CreateClient().GetAsync(variantUrl);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            var (width, height, fields) = MediaImages.Inspect(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(size, (width, height));
            Assert.False(MediaImages.HasMetadata(fields));

            var again = new HttpRequestMessage(HttpMethod.Get, variantUrl) { Headers = { IfNoneMatch = { response.Headers.ETag! } } };
            Assert.Equal(HttpStatusCode.NotModified, (await factory.CreateClient().SendAsync(again)).StatusCode);
        }

        // The original is kept, but never at a public URL; a complete upload takes no more bytes.
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/media/{mediaId}/original")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/media/{mediaId}/original.jpg")).StatusCode);
        Assert.True(File.Exists(Path.Combine(factory.MediaPath, mediaId, "original")));
        await ProblemAssert.IsProblemAsync(await MediaUploads.PutChunkAsync(user, url, bytes, 0, ChunkSize), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task HostileOrMalformedUploadsAreRefusedWithProblems()
    {
        var user = await ApiClient.RegisterAsync(factory);

        var bomb = MediaImages.PngBomb();
        var bombSlot = await MediaUploads.CreateSlotAsync(user, "image/png", bomb.Length);
        var refused = await ProblemAssert.IsProblemAsync(await user.PutBytesAsync(bombSlot["uploadUrl"]!.GetValue<string>(), bomb), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("50000x50000", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var text = "definitely not a picture"u8.ToArray();
        var textSlot = await MediaUploads.CreateSlotAsync(user, "image/jpeg", text.Length);
        await ProblemAssert.IsProblemAsync(await user.PutBytesAsync(textSlot["uploadUrl"]!.GetValue<string>(), text, "image/jpeg"), HttpStatusCode.UnsupportedMediaType);

        var heic = MediaImages.Heic();
        var avifSlot = await MediaUploads.CreateSlotAsync(user, "image/avif", heic.Length);
        var heicRefused = await ProblemAssert.IsProblemAsync(await user.PutBytesAsync(avifSlot["uploadUrl"]!.GetValue<string>(), heic, "image/avif"), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("HEIC", heicRefused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/v1/media/uploads", new { contentType = "image/heic", sizeBytes = 10 }), HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/v1/media/uploads", new { contentType = "image/png", sizeBytes = 10, chunkSize = 0 }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/v1/media/uploads", new { contentType = "image/png", sizeBytes = 9L * 1024 * 1024 }), HttpStatusCode.RequestEntityTooLarge);

        var jpeg = MediaImages.NoisyJpeg(600, 400);
        var slot = await MediaUploads.CreateSlotAsync(user, "image/jpeg", jpeg.Length - 1);
        var url = slot["uploadUrl"]!.GetValue<string>();
        await ProblemAssert.IsProblemAsync(await MediaUploads.PutRangeAsync(user, url, jpeg, 0, ChunkSize - 1), HttpStatusCode.RequestEntityTooLarge); // total > declared
        var exact = await MediaUploads.CreateSlotAsync(user, "image/jpeg", jpeg.Length);
        url = exact["uploadUrl"]!.GetValue<string>();
        await ProblemAssert.IsProblemAsync(await MediaUploads.PutRangeAsync(user, url, jpeg, 10, ChunkSize + 9), HttpStatusCode.BadRequest); // not on a chunk boundary
        await ProblemAssert.IsProblemAsync(await MediaUploads.PutRangeAsync(user, url, jpeg, 0, 999), HttpStatusCode.BadRequest); // a short chunk that is not the last
        var garbled = new HttpRequestMessage(HttpMethod.Put, new Uri(url).PathAndQuery) { Content = new ByteArrayContent(jpeg[..100]) };
        garbled.Content.Headers.TryAddWithoutValidation("Content-Range", "bytes 0-99/*");
        await ProblemAssert.IsProblemAsync(await user.Http.SendAsync(garbled), HttpStatusCode.BadRequest);

        // Nothing refused was accepted, so no post can use it.
        var post = await user.Http.PostAsJsonAsync("/v1/posts", new { mediaIds = new[] { bombSlot["mediaId"]!.GetValue<string>() } });
        await ProblemAssert.IsProblemAsync(post, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ExifGpsIsStrippedAndTheOrientationApplied()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var photo = MediaImages.Jpeg(400, 200, orientation: 6, gps: true);

        var mediaId = await user.UploadAsync(photo, "image/jpeg");

        var ready = await MediaUploads.WaitForStatusAsync(user, mediaId, "ready");
        Assert.Equal((200, 400), (ready["width"]!.GetValue<int>(), ready["height"]!.GetValue<int>()));
        var full = await factory.CreateClient().GetByteArrayAsync(ready["variants"]!["full"]!.GetValue<string>());
        var (width, height, fields) = MediaImages.Inspect(full);
        Assert.Equal((200, 400), (width, height));
        Assert.DoesNotContain(fields, f => f.Contains("GPS", StringComparison.Ordinal));
        Assert.False(MediaImages.HasMetadata(fields));
    }

    [Fact]
    public async Task APostStaysProcessingUntilItsMediaIsReadyThenPublishes()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var follower = await ApiClient.RegisterAsync(factory);
        await follower.FollowAsync(author);
        string postId;
        string mediaId;
        using (factory.Processor.Pause())
        {
            mediaId = await author.UploadAsync(MediaImages.Jpeg(1200, 900), "image/jpeg");
            Assert.Equal("processing", (await MediaUploads.StatusAsync(author, mediaId))["status"]!.GetValue<string>());
            postId = await MediaUploads.CreatePostAsync(author, mediaId);
            await Task.Delay(300);
            Assert.Equal("processing", await MediaUploads.PostStatusAsync(author, postId));
            await ProblemAssert.IsProblemAsync(await follower.Http.GetAsync($"/v1/posts/{postId}"), HttpStatusCode.NotFound);
            Assert.DoesNotContain(postId, await follower.FeedPostIdsAsync());
        }

        await Eventually.TrueAsync(async () => await MediaUploads.PostStatusAsync(author, postId) == "published", "post published");
        await Eventually.TrueAsync(async () => (await follower.FeedPostIdsAsync()).Contains(postId), "post in the follower's feed");
        var media = (await follower.GetJsonAsync($"/v1/posts/{postId}"))!["media"]![0]!;
        Assert.Equal((1080, 810), (media["width"]!.GetValue<int>(), media["height"]!.GetValue<int>()));
        Assert.Matches($"^/media/{mediaId}/[A-Za-z0-9_-]{{22}}/full\\.webp$", media["variants"]!["full"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(media["variants"]!["thumbnail"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task MediaThatFailsProcessingFailsThePostWithAReason()
    {
        var author = await ApiClient.RegisterAsync(factory);
        string postId;
        string mediaId;
        using (factory.Processor.Pause())
        {
            mediaId = await author.UploadAsync(MediaImages.CorruptPng()); // its header passes the upload's check
            postId = await MediaUploads.CreatePostAsync(author, mediaId);
        }

        await Eventually.TrueAsync(async () => await MediaUploads.PostStatusAsync(author, postId) == "failed", "post failed");
        var media = await MediaUploads.StatusAsync(author, mediaId);
        Assert.Equal("failed", media["status"]!.GetValue<string>());
        Assert.Contains("could not be decoded", media["failureReason"]!.GetValue<string>(), StringComparison.Ordinal);
        var details = await factory.Grains.GetGrain<Grains.Posts.IPostGrain>(long.Parse(postId, CultureInfo.InvariantCulture)).GetDetailsAsync();
        Assert.Equal(media["failureReason"]!.GetValue<string>(), details!.FailureReason);
        Assert.Equal(0, (await author.GetJsonAsync("/v1/users/me"))!["postCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task AnAbandonedUploadExpiresAndItsStagedChunksAreDeleted()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var bytes = MediaImages.NoisyJpeg(600, 400);
        var mediaId = factory.Services.GetRequiredService<IdGenerator>().NextId();
        var media = factory.Grains.GetGrain<IMediaGrain>(mediaId);
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(1);
        await media.CreateUploadAsync(new MediaUploadSlot(long.Parse(user.Id, CultureInfo.InvariantCulture), "image/jpeg", bytes.Length, expiresAt, false));
        await media.ReceiveChunkAsync(new UploadChunk(0, bytes.Length, bytes[..ChunkSize]));
        var staged = Path.Combine(factory.MediaPath, MediaKeys.Upload(mediaId) + ".chunks");
        Assert.True(Directory.Exists(staged));

        await Eventually.TrueAsync(async () => (await media.GetViewAsync())!.Status == MediaStatus.Failed, "upload expired", TimeSpan.FromSeconds(10));

        Assert.False(Directory.Exists(staged));
        Assert.Contains("expired", (await media.GetProgressAsync(long.Parse(user.Id, CultureInfo.InvariantCulture))).FailureReason, StringComparison.Ordinal);
        // The URL is dead too: the Api refuses it before any byte is read.
        var url = factory.Services.GetRequiredService<UploadUrlSigner>().PathFor(mediaId, expiresAt);
        await ProblemAssert.IsProblemAsync(await user.PutBytesAsync("http://localhost" + url, bytes, "image/jpeg"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task StorageFailuresAreRetriedWithBackoffAndProcessingRecovers()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var bytes = MediaImages.Jpeg(800, 600);
        var store = factory.Services.GetRequiredService<IMediaStore>();
        string mediaId;
        using (factory.Processor.Pause())
        {
            mediaId = await user.UploadAsync(bytes, "image/jpeg");
            await store.DeleteAsync(MediaKeys.Upload(long.Parse(mediaId, CultureInfo.InvariantCulture)), CancellationToken.None); // storage "loses" it
        }

        await Eventually.TrueAsync(async () => (await MediaUploads.StatusAsync(user, mediaId))["failedAttempts"]!.GetValue<int>() >= 1, "a failed attempt");
        Assert.Equal("processing", (await MediaUploads.StatusAsync(user, mediaId))["status"]!.GetValue<string>());
        await store.WriteAsync(MediaKeys.Upload(long.Parse(mediaId, CultureInfo.InvariantCulture)), bytes, "image/jpeg", CancellationToken.None); // and it is back

        var ready = await MediaUploads.WaitForStatusAsync(user, mediaId, "ready");
        Assert.Equal(800, ready["width"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnItemThatKeepsFailingEndsFailedAfterItsAttempts()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var clock = Stopwatch.StartNew();
        string mediaId;
        using (factory.Processor.Pause())
        {
            mediaId = await user.UploadAsync(MediaImages.Jpeg(300, 200), "image/jpeg");
            await factory.Services.GetRequiredService<IMediaStore>().DeleteAsync(MediaKeys.Upload(long.Parse(mediaId, CultureInfo.InvariantCulture)), CancellationToken.None);
        }

        var failed = await MediaUploads.WaitForStatusAsync(user, mediaId, "failed");

        Assert.Equal(3, failed["failedAttempts"]!.GetValue<int>());
        Assert.Contains("failed 3 times", failed["failureReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"two back-offs (0.5 s, 1 s) before giving up, took {clock.Elapsed}");
    }

    [Fact]
    public async Task OnlyTheOwnerSeesAnUploadsStatusAndTheClientsWordIsNotEnough()
    {
        var owner = await ApiClient.RegisterAsync(factory);
        var other = await ApiClient.RegisterAsync(factory);
        var slot = await MediaUploads.CreateSlotAsync(owner, "image/png", 1000);
        var mediaId = slot["mediaId"]!.GetValue<string>();

        await ProblemAssert.IsProblemAsync(await other.Http.GetAsync($"/v1/media/{mediaId}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await owner.Http.PostAsync($"/v1/media/{mediaId}/complete", null), HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await owner.Http.GetAsync("/v1/media/123456789"), HttpStatusCode.NotFound);
        Assert.Equal("uploading", (await MediaUploads.StatusAsync(owner, mediaId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task UploadUrlsIgnoreTheRequestsHostHeader()
    {
        var user = await ApiClient.RegisterAsync(factory);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/media/uploads") { Content = JsonContent.Create(new { contentType = "image/png", sizeBytes = 100 }) };
        request.Headers.Host = "evil.example.com";
        var response = await user.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var uploadUrl = (await response.Content.ReadFromJsonAsync<JsonObject>())!["uploadUrl"]!.GetValue<string>();
        Assert.StartsWith("http://localhost:5080/v1/media/uploads/", uploadUrl, StringComparison.Ordinal); // Media:UploadBaseUrl's default
        Assert.DoesNotContain("evil.example.com", uploadUrl, StringComparison.Ordinal);
    }
}
