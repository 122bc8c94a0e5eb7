using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Instagram.Grains.Abstractions;
using Instagram.Grains.Media;
using Microsoft.Net.Http.Headers;

namespace Instagram.Api.Media;

public static partial class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/media").WithTags("Media");
        api.MapPost("/uploads", CreateUpload).WithName(nameof(CreateUpload))
            .WithSummary("Ask for a short-lived URL to upload one image to.").RequireAuthorization();
        // The signed URL is the credential here, as a SAS URL is on Blob Storage.
        api.MapPut("/uploads/{mediaId}", UploadMedia).WithName(nameof(UploadMedia))
            .WithSummary("Upload the bytes to a URL from CreateUpload.").AllowAnonymous();
        app.MapGet("/media/{mediaId}/{file}", GetMediaFile).WithName(nameof(GetMediaFile)).WithTags("Media")
            .WithSummary("Media bytes at a stable, immutable URL.").AllowAnonymous();
        return app;
    }

    public static async Task<Created<UploadSlotResponse>> CreateUpload(
        CreateUploadRequest request, ClaimsPrincipal user, HttpRequest http, IGrainFactory grains, IdGenerator ids,
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

        if (request.SizeBytes > options.Value.MaxUploadBytes)
        {
            throw new BadHttpRequestException($"sizeBytes may be at most {options.Value.MaxUploadBytes}.", StatusCodes.Status413PayloadTooLarge);
        }

        var mediaId = ids.NextId();
        var expiresAt = time.GetUtcNow() + options.Value.UploadUrlLifetime;
        await grains.GetGrain<IMediaGrain>(mediaId)
            .CreateUploadAsync(new MediaUploadSlot(user.UserId(), contentType, request.SizeBytes, expiresAt, Completed: false));

        var url = $"{http.Scheme}://{http.Host}{signer.PathFor(mediaId, expiresAt)}";
        var id = mediaId.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Created(url, new UploadSlotResponse(id, url, expiresAt, request.SizeBytes));
    }

    public static async Task<Ok<UploadedMediaResponse>> UploadMedia(
        string mediaId, long? expires, string? sig, HttpRequest http, IGrainFactory grains, UploadUrlSigner signer,
        IMediaStore store, TimeProvider time, CancellationToken cancellationToken)
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

        if (http.Headers.ContentRange.Count > 0)
        {
            throw DomainException.InvalidInput("Chunked uploads are not supported yet; send the whole file in one PUT.");
        }

        var bytes = await ReadBodyAsync(http, slot.SizeBytes, cancellationToken);
        var format = ImageSniffer.Detect(bytes.Span)
            ?? throw new BadHttpRequestException("The bytes are not a JPEG, PNG or WebP image.", StatusCodes.Status415UnsupportedMediaType);
        if (format.ContentType != slot.ContentType)
        {
            throw new BadHttpRequestException($"The upload was declared as {slot.ContentType} but the bytes are {format.ContentType}.", StatusCodes.Status415UnsupportedMediaType);
        }

        var key = $"{id}/original.{format.Extension}";
        await store.WriteAsync(key, bytes, format.ContentType, cancellationToken);
        var view = await grain.CompleteUploadAsync(new StoredMedia(format.ContentType, format.Width, format.Height, bytes.Length, store.PublicUrl(key), key));
        return TypedResults.Ok(new UploadedMediaResponse(mediaId, format.ContentType, view.Width, view.Height, bytes.Length, view.Variants.Full));
    }

    public static async Task<IResult> GetMediaFile(string mediaId, string file, IMediaStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var id = RouteIds.Parse(mediaId, "mediaId");
        var match = MediaFilePattern().Match(file);
        if (!match.Success)
        {
            return TypedResults.NotFound();
        }

        var key = $"{id}/{file}";
        var stream = await store.OpenReadAsync(key, cancellationToken);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        // Objects never change once written, so clients and CDNs may keep them forever.
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        var contentType = match.Groups[1].Value switch { "jpg" => "image/jpeg", "png" => "image/png", _ => "image/webp" };
        return TypedResults.Stream(stream, contentType, entityTag: new EntityTagHeaderValue($"\"{id}-{file}\""));
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest http, long limit, CancellationToken cancellationToken)
    {
        if (http.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new MemoryStream((int)Math.Min(limit, 1 << 20));
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw DomainException.InvalidInput("The upload is empty.");
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static BadHttpRequestException TooLarge(long limit) =>
        new($"The upload is larger than the {limit} bytes declared for it.", StatusCodes.Status413PayloadTooLarge);

    [GeneratedRegex("^original\\.(jpg|png|webp)$")]
    private static partial Regex MediaFilePattern();
}
