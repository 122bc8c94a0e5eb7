using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Instagram.Grains.Abstractions;
using Instagram.Grains.Media;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Instagram.Api.Media;

/// <summary>
/// Upload slots, the Api's own upload URL (whole file or <c>Content-Range</c> chunks), upload status, and the
/// variants at stable, immutable URLs. With Blob Storage the slot is a SAS URL and the bytes never pass through here;
/// the media grain discovers the upload in storage and processes it.
/// </summary>
public static partial class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        // Every route names a media item by id (400 when it is not one).
        var api = app.MapGroup("/v1/media").WithTags("Media").ProducesCommonProblems().ProducesValidationProblem();
        // 413 and 415 come from the declared size and type, before any byte is sent.
        api.MapPost("/uploads", CreateUpload).WithName(nameof(CreateUpload))
            .WithSummary("Ask for a short-lived, write-only URL to upload one image or video to.")
            .WithDescription(CreateUploadDescription).RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Uploads).ProducesJsonBodyProblems()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status413PayloadTooLarge);
        // The signed URL is the credential here, as a SAS URL is on Blob Storage. The bytes are read raw, so the
        // body and Content-Range are described by hand (Accepts would also make routing refuse other content types).
        api.MapPut("/uploads/{mediaId}", UploadMedia).WithName(nameof(UploadMedia))
            .WithSummary("Upload the bytes (or one Content-Range chunk) to a URL from CreateUpload.").AllowAnonymous()
            .AddOpenApiOperationTransformer(DescribeUploadBodyAsync)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/{mediaId}", GetMedia).WithName(nameof(GetMedia))
            .WithSummary("Upload progress (chunks received, to resume), processing status and failure reason.").RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);
        api.MapPost("/{mediaId}/complete", CompleteUpload).WithName(nameof(CompleteUpload))
            .WithSummary("Tell the server a direct upload is done; it checks storage rather than taking your word.").RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        // Anonymous, but the URL carries the item's unguessable token: only viewers who were handed it can fetch.
        app.MapMethods("/media/{mediaId}/{token}/{file}", [HttpMethods.Get, HttpMethods.Head], GetMediaFile).WithName(nameof(GetMediaFile)).WithTags("Media")
            .WithSummary("A variant's bytes, or a video's playlist, segment or poster, at a stable, immutable URL (as handed out in a media view).").AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: MediaKeys.VariantContentType,
                additionalContentTypes: [MediaKeys.PlaylistContentType, MediaKeys.SegmentContentType, MediaKeys.PosterContentType]).ProducesValidationProblem().ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    private const string CreateUploadDescription =
        "The answer's protocol says where and how to PUT the bytes. content-range: PUT them to uploadUrl (this Api's "
        + "UploadMedia route, signed by expires and sig), whole or in Content-Range chunks of chunkSize bytes in any order. "
        + "azure-blob: uploadUrl is a Blob Storage SAS URL for this one object; PUT the whole file there with the "
        + "requiredHeaders (x-ms-blob-type: BlockBlob), or Put Block per chunk then Put Block List, then call "
        + "POST /v1/media/{mediaId}/complete. Either way the bytes must be an image or video of the declared contentType (videos: up to Media:MaxVideoBytes and 90 s).";

    private static Task DescribeUploadBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Description = "The whole file, or one chunk with Content-Range: bytes first-last/total (first a multiple of "
            + "chunkSize; every chunk but the last exactly chunkSize long; any order; a retried chunk replaces the earlier copy). "
            + "202 while chunks are missing, 200 once the upload is complete (processing then starts on its own).";
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The image's or video's raw bytes (or one chunk of them); the Content-Type header is not read, the bytes are.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = HeaderNames.ContentRange,
            In = ParameterLocation.Header,
            Description = "bytes first-last/total, for a chunked (resumable) upload; omit to send the whole file.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        return Task.CompletedTask;
    }

    public static async Task<Created<UploadSlotResponse>> CreateUpload(
        CreateUploadRequest request, ClaimsPrincipal user, IGrainFactory grains, IdGenerator ids,
        UploadUrlSigner signer, IOptions<MediaOptions> options, TimeProvider time)
    {
        var contentType = request.ContentType.Trim().ToLowerInvariant();
        if (!MediaOptions.AcceptedContentTypes.Contains(contentType))
        {
            throw new BadHttpRequestException($"contentType must be one of {string.Join(", ", MediaOptions.AcceptedContentTypes)}.", StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.SizeBytes <= 0)
        {
            throw DomainException.InvalidInput("sizeBytes must be positive.");
        }

        var maxBytes = options.Value.MaxBytesFor(contentType);
        if (request.SizeBytes > maxBytes)
        {
            throw new BadHttpRequestException($"sizeBytes may be at most {maxBytes} for {contentType}.", StatusCodes.Status413PayloadTooLarge);
        }

        if (request.ChunkSize is <= 0)
        {
            throw DomainException.InvalidInput("chunkSize must be positive.");
        }

        var mediaId = ids.NextId();
        var expiresAt = time.GetUtcNow() + options.Value.UploadUrlLifetime;
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()); // what the signed URL can carry
        var ticket = await grains.GetGrain<IMediaGrain>(mediaId)
            .CreateUploadAsync(new MediaUploadSlot(user.UserId(), contentType, request.SizeBytes, expiresAt, Completed: false, ChunkSize: request.ChunkSize ?? 0));

        var id = mediaId.ToString(CultureInfo.InvariantCulture);
        var response = ticket.DirectUploadUrl is { } directUrl
            ? new UploadSlotResponse(id, directUrl, expiresAt, ticket.ChunkSize, UploadSlotResponse.AzureBlobProtocol,
                new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob" })
            : new UploadSlotResponse(id, options.Value.UploadBaseUrl.TrimEnd('/') + signer.PathFor(mediaId, expiresAt), expiresAt, ticket.ChunkSize,
                UploadSlotResponse.ContentRangeProtocol, new Dictionary<string, string>());
        return TypedResults.Created($"/v1/media/{id}", response);
    }

    /// <summary>
    /// The whole file, or one chunk with <c>Content-Range: bytes a-b/total</c> (a = a multiple of chunkSize; every
    /// chunk but the last exactly chunkSize long; any order; a retried chunk replaces the earlier copy). 202 while
    /// chunks are missing, 200 once the upload is complete (processing then starts on its own).
    /// </summary>
    public static async Task<Results<Ok<MediaStatusResponse>, Accepted<MediaStatusResponse>>> UploadMedia(
        string mediaId, long? expires, string? sig, HttpRequest http, IGrainFactory grains, UploadUrlSigner signer,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var id = RouteIds.Parse(mediaId, "mediaId");
        if (expires is not { } expiry || !signer.IsValid(id, expiry, sig))
        {
            throw DomainException.Forbidden("The upload URL is not valid.");
        }

        if (DateTimeOffset.FromUnixTimeSeconds(expiry) <= time.GetUtcNow())
        {
            throw DomainException.Forbidden("The upload URL has expired; ask for a new one.");
        }

        var grain = grains.GetGrain<IMediaGrain>(id);
        var slot = await grain.GetUploadSlotAsync() ?? throw DomainException.NotFound("upload");
        if (slot.Completed)
        {
            throw DomainException.Conflict("This media item has already been uploaded.");
        }

        MediaProgress progress;
        if (http.Headers.ContentRange.Count > 0)
        {
            var (offset, length, total) = ParseContentRange(http, slot.SizeBytes);
            var bytes = await ReadBodyAsync(http, length, exactly: true, cancellationToken);
            if (offset == 0)
            {
                CheckImageType(bytes, slot.ContentType);
            }

            progress = await grain.ReceiveChunkAsync(new UploadChunk(offset, total, bytes));
        }
        else
        {
            // A whole video may be larger than the server's default body limit; the slot's size bounds it instead.
            if (http.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            {
                bodyLimit.MaxRequestBodySize = Math.Max(bodyLimit.MaxRequestBodySize ?? 0, slot.SizeBytes);
            }

            var bytes = await ReadBodyAsync(http, slot.SizeBytes, exactly: false, cancellationToken);
            CheckImageType(bytes, slot.ContentType);
            progress = await SendInChunksAsync(grain, bytes, slot.ChunkSize);
        }

        var body = MediaStatusResponse.From(progress);
        return progress.Status == MediaStatus.Uploading ? TypedResults.Accepted($"/v1/media/{mediaId}", body) : TypedResults.Ok(body);
    }

    public static async Task<Ok<MediaStatusResponse>> GetMedia(string mediaId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(MediaStatusResponse.From(await grains.GetGrain<IMediaGrain>(RouteIds.Parse(mediaId, "mediaId")).GetProgressAsync(user.UserId())));

    public static async Task<Results<Ok<MediaStatusResponse>, Accepted<MediaStatusResponse>>> CompleteUpload(string mediaId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var progress = await grains.GetGrain<IMediaGrain>(RouteIds.Parse(mediaId, "mediaId")).CheckUploadAsync(user.UserId());
        var body = MediaStatusResponse.From(progress);
        return progress.Status == MediaStatus.Ready ? TypedResults.Ok(body) : TypedResults.Accepted($"/v1/media/{mediaId}", body);
    }

    public static async Task<IResult> GetMediaFile(string mediaId, string token, string file, IMediaStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var id = RouteIds.Parse(mediaId, "mediaId");
        if (!MediaUrlToken.IsWellFormed(token) || !PublicFilePattern().IsMatch(file) || MediaKeys.ContentTypeOf(file) is not { } contentType)
        {
            return TypedResults.NotFound(); // originals (and anything else) are never served
        }

        // The token is part of the key, so a wrong one names no object: no lookup, and no hint that the id exists.
        var stream = await store.OpenReadAsync($"{id}/{token}/{file}", cancellationToken);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        // Objects never change once written, so clients and CDNs may keep them forever; the key names the bytes.
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(stream, contentType, entityTag: new EntityTagHeaderValue($"\"{id}-{file}\""));
    }

    private static async Task<MediaProgress> SendInChunksAsync(IMediaGrain grain, byte[] bytes, long chunkSize)
    {
        var step = chunkSize > 0 ? (int)Math.Min(chunkSize, int.MaxValue) : bytes.Length;
        MediaProgress? progress = null;
        for (var offset = 0; offset < bytes.Length; offset += step)
        {
            var piece = offset == 0 && bytes.Length <= step ? bytes : bytes.AsSpan(offset, Math.Min(step, bytes.Length - offset)).ToArray();
            progress = await grain.ReceiveChunkAsync(new UploadChunk(offset, bytes.Length, piece));
        }

        return progress!;
    }

    private static (long Offset, int Length, long Total) ParseContentRange(HttpRequest http, long declared)
    {
        if (!ContentRangeHeaderValue.TryParse(http.Headers.ContentRange.ToString(), out var range)
            || !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase)
            || range is not { From: { } from, To: { } to, Length: { } total }
            || from > to || to >= total)
        {
            throw DomainException.InvalidInput("Content-Range must be 'bytes first-last/total' with first <= last < total.");
        }

        if (total > declared)
        {
            throw new BadHttpRequestException($"The upload is larger than the {declared} bytes declared for it.", StatusCodes.Status413PayloadTooLarge);
        }

        return (from, (int)(to - from + 1), total);
    }

    // Magic bytes, not the name or the declared type: anything but an accepted image or video container is refused
    // before it is stored (a video's streams are checked by the pipeline, which has the whole file).
    private static void CheckImageType(ReadOnlySpan<byte> bytes, string declared)
    {
        if (VideoFormat.IsVideo(declared))
        {
            if (VideoSniffer.Detect(bytes) != VideoFormat.ContainerOf(declared))
            {
                throw new BadHttpRequestException($"The bytes are not a {declared} video.", StatusCodes.Status415UnsupportedMediaType);
            }

            return;
        }

        switch (ImageSniffer.DetectType(bytes))
        {
            case null:
                throw new BadHttpRequestException($"The bytes are not an image of an accepted type ({string.Join(", ", MediaOptions.AcceptedContentTypes)}).", StatusCodes.Status415UnsupportedMediaType);
            case ImageFormat.Heic:
                throw new BadHttpRequestException($"HEIC images are not supported; upload {string.Join(", ", MediaOptions.AcceptedContentTypes)}.", StatusCodes.Status415UnsupportedMediaType);
            case var actual when actual != declared:
                throw new BadHttpRequestException($"The upload was declared as {declared} but the bytes are {actual}.", StatusCodes.Status415UnsupportedMediaType);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest http, long limit, bool exactly, CancellationToken cancellationToken)
    {
        if (http.ContentLength > limit)
        {
            throw exactly ? RangeMismatch(limit) : TooLarge(limit);
        }

        var bytes = await BoundedStreamReader.ReadAllAsync(http.Body, limit, cancellationToken)
            ?? throw (exactly ? RangeMismatch(limit) : TooLarge(limit));
        if (bytes.Length == 0)
        {
            throw DomainException.InvalidInput("The upload is empty.");
        }

        if (exactly && bytes.Length != limit)
        {
            throw RangeMismatch(limit);
        }

        return bytes;
    }

    private static DomainException RangeMismatch(long length) =>
        DomainException.InvalidInput($"The body must be exactly the {length} bytes its Content-Range names.");

    private static BadHttpRequestException TooLarge(long limit) =>
        new($"The upload is larger than the {limit} bytes declared for it.", StatusCodes.Status413PayloadTooLarge);

    // Image variants; a video's poster, master and rung playlists, and segments (as VideoTranscoder names them).
    [GeneratedRegex("^((thumbnail|small|medium|full)\\.webp|poster\\.jpg|master\\.m3u8|[0-9]{2,4}p\\.m3u8|[0-9]{2,4}p_[0-9]{3,5}\\.ts)$")]
    private static partial Regex PublicFilePattern();
}
