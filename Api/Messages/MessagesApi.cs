using System.Globalization;
using System.Security.Claims;
using Instagram.Grains.Messages;

namespace Instagram.Api.Messages;

public static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        // A conversation the caller does not take part in, or a 1:1 across a block, is as good as unknown: 404.
        var api = app.MapGroup("/v1/conversations").WithTags("Messages").RequireAuthorization().ProducesAuthorizedProblems()
            .ProducesValidationProblem();
        // 404: an unknown user or one blocked either way; 422: only yourself, or a name on a 1:1.
        api.MapPost("", CreateConversation).WithName(nameof(CreateConversation))
            .WithSummary("Start a conversation (1:1 or a group of up to 32); an existing 1:1 with the same person is returned with 200.")
            .RequireRateLimiting(RateLimitPolicies.Messages).ProducesJsonBodyProblems()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("", GetConversations).WithName(nameof(GetConversations))
            .WithSummary("The caller's conversations in one folder (inbox or requests), newest activity first.");
        // 404: the conversation or the media item; 409: the media item is used elsewhere; 422: the media is not uploaded or failed.
        api.MapPost("/{id}/messages", SendMessage).WithName(nameof(SendMessage))
            .WithSummary("Send a message; a clientMessageId already used by the caller returns that message with 200 and stores nothing.")
            .RequireRateLimiting(RateLimitPolicies.Messages).ProducesJsonBodyProblems()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/{id}/messages", GetMessages).WithName(nameof(GetMessages))
            .WithSummary("Messages ascending by seq: after afterSeq going forward, else the newest (or those before beforeSeq) going back.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/read", MarkConversationRead).WithName(nameof(MarkConversationRead))
            .WithSummary("Move the caller's read pointer forward; the other participants get a read event.")
            .ProducesJsonBodyProblems().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/{id}/accept", AcceptConversation).WithName(nameof(AcceptConversation))
            .WithSummary("Move a message request to the caller's inbox (idempotent).")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Created<ConversationResponse>, Ok<ConversationResponse>>> CreateConversation(
        CreateConversationRequest request, ClaimsPrincipal user, IGrainFactory grains, IdGenerator ids)
    {
        var participantIds = request.ParticipantIds.Select(id => RouteIds.Parse(id, "participantIds")).ToArray();
        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        var result = await grains.GetGrain<IConversationGrain>(ids.NextId()).CreateAsync(new NewConversation(user.UserId(), participantIds, name));
        var response = ConversationResponse.From(result.Conversation);
        return result.Created ? TypedResults.Created($"/v1/conversations/{response.Id}", response) : TypedResults.Ok(response);
    }

    public static async Task<Ok<PageResponse<ConversationListItemResponse>>> GetConversations(
        [AsParameters] PageQuery query, string? folder, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var inboxFolder = folder switch
        {
            null or "" or "inbox" => InboxFolder.Inbox,
            "requests" => InboxFolder.Requests,
            _ => throw DomainException.InvalidInput("folder must be 'inbox' or 'requests'."),
        };

        var page = await grains.GetGrain<IInboxGrain>(user.UserId()).GetPageAsync(inboxFolder, query.ToPageRequest(cursors));
        return TypedResults.Ok(page.ToResponse(cursors, ConversationListItemResponse.From));
    }

    public static async Task<Results<Created<MessageResponse>, Ok<MessageResponse>>> SendMessage(
        string id, SendMessageRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var conversationId = RouteIds.Parse(id);
        var mediaId = request.MediaId is { } media ? RouteIds.Parse(media, "mediaId") : (long?)null;
        if (request.Text is null && mediaId is null)
        {
            throw DomainException.InvalidInput("A message needs text, a mediaId or both.");
        }

        var sent = await grains.GetGrain<IConversationGrain>(conversationId).SendAsync(new NewMessage(user.UserId(), request.ClientMessageId, request.Text, mediaId));
        var response = MessageResponse.From(sent.Message);
        return sent.Created ? TypedResults.Created($"/v1/conversations/{id}/messages?afterSeq={sent.Message.Seq - 1}", response) : TypedResults.Ok(response);
    }

    public static async Task<Ok<PageResponse<MessageResponse>>> GetMessages(
        string id, long? afterSeq, long? beforeSeq, [AsParameters] PageQuery query, ClaimsPrincipal user, IGrainFactory grains, CursorCodec cursors)
    {
        var conversationId = RouteIds.Parse(id);
        if (afterSeq < 0 || beforeSeq < 0)
        {
            throw DomainException.InvalidInput("afterSeq and beforeSeq must not be negative.");
        }

        // The cursor continues in the direction the query set: forward past afterSeq, else back before beforeSeq.
        var page = query.ToPageRequest(cursors);
        var messages = new MessageQuery(
            afterSeq is null ? null : page.Cursor ?? afterSeq,
            afterSeq is null ? page.Cursor ?? beforeSeq : beforeSeq,
            page.Limit);
        var result = await grains.GetGrain<IConversationGrain>(conversationId).GetMessagesAsync(user.UserId(), messages);
        return TypedResults.Ok(result.ToResponse(cursors, MessageResponse.From));
    }

    public static async Task<NoContent> MarkConversationRead(string id, MarkReadRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IConversationGrain>(RouteIds.Parse(id)).MarkReadAsync(user.UserId(), request.UpToSeq!.Value);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> AcceptConversation(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IConversationGrain>(RouteIds.Parse(id)).AcceptAsync(user.UserId());
        return TypedResults.NoContent();
    }

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
