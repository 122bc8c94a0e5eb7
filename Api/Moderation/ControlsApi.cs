using System.Security.Claims;
using Instagram.Api.Users;
using Instagram.Grains.Graph;
using Instagram.Grains.Moderation;
using Instagram.Grains.Stories;
using Instagram.Grains.Users;

namespace Instagram.Api.Moderation;

/// <summary>The caller's own safety controls: muted words, whom their stories are hidden from, whom they block.</summary>
public static class ControlsApi
{
    public static IEndpointRouteBuilder MapControlsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/users/me").WithTags("Moderation").RequireAuthorization().ProducesAuthorizedProblems();
        api.MapGet("/muted-words", GetMutedWords).WithName(nameof(GetMutedWords)).WithSummary("The caller's muted words, normalised.");
        api.MapPut("/muted-words", ReplaceMutedWords).WithName(nameof(ReplaceMutedWords))
            .WithSummary("Replace the caller's muted words (at most 200, each 1 to 50 characters; '#tag' mutes a hashtag).")
            .ProducesJsonBodyProblems();
        api.MapGet("/story-hidden", GetStoryHidden).WithName(nameof(GetStoryHidden))
            .WithSummary("Whom the caller hides their stories from, most recently hidden first.").ProducesValidationProblem();
        // An unknown user is 404, the caller themself 422.
        api.MapPost("/story-hidden/{userId}", HideStories).WithName(nameof(HideStories)).WithSummary("Hide the caller's stories from a user (idempotent).")
            .ProducesValidationProblem().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/story-hidden/{userId}", ShowStories).WithName(nameof(ShowStories)).WithSummary("Show the caller's stories to a user again (idempotent).")
            .ProducesValidationProblem().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/blocked", GetBlocked).WithName(nameof(GetBlocked)).WithSummary("Whom the caller blocks, most recently blocked first.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<MutedWordsResponse>> GetMutedWords(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(new MutedWordsResponse((await grains.GetGrain<IMutedWordsGrain>(user.UserId()).GetAsync()).Words));

    public static async Task<Ok<MutedWordsResponse>> ReplaceMutedWords(ReplaceMutedWordsRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var words = request.Words ?? throw DomainException.InvalidInput("words is required: a list of up to 200 words (an empty list clears them).");
        return TypedResults.Ok(new MutedWordsResponse((await grains.GetGrain<IMutedWordsGrain>(user.UserId()).ReplaceAsync(words)).Words));
    }

    public static Task<Ok<PageResponse<UserSummaryResponse>>> GetStoryHidden([AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors) =>
        ListAsync(query, cursors, page => grains.GetGrain<IStoryReelGrain>(user.UserId()).GetHiddenFromAsync(page));

    public static Task<NoContent> HideStories(string userId, ClaimsPrincipal user, IGrainFactory grains) => SetStoriesHiddenAsync(userId, user, grains, hidden: true);

    public static Task<NoContent> ShowStories(string userId, ClaimsPrincipal user, IGrainFactory grains) => SetStoriesHiddenAsync(userId, user, grains, hidden: false);

    public static Task<Ok<PageResponse<UserSummaryResponse>>> GetBlocked([AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors) =>
        ListAsync(query, cursors, page => grains.GetGrain<IBlocksGrain>(user.UserId()).GetBlockingAsync(page));

    private static async Task<NoContent> SetStoriesHiddenAsync(string userId, ClaimsPrincipal user, IGrainFactory grains, bool hidden)
    {
        await grains.GetGrain<IStoryReelGrain>(user.UserId()).SetHiddenFromAsync(RouteIds.Parse(userId, "userId"), hidden);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<PageResponse<UserSummaryResponse>>> ListAsync(PageQuery query, CursorCodec cursors, Func<PageRequest, Task<Page<UserSummary>>> list)
    {
        var page = await list(query.ToPageRequest(cursors));
        return TypedResults.Ok(page.ToResponse(cursors, UserSummaryResponse.From));
    }
}

public sealed class ReplaceMutedWordsRequest
{
    /// <summary>The whole new list; each entry is checked and normalised by the grain (400 for any bad one, and nothing changes).</summary>
    public string?[]? Words { get; init; }
}

public sealed record MutedWordsResponse(IReadOnlyList<string> Words);
