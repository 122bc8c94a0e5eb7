using Instagram.Api.Posts;
using Instagram.Api.Users;
using Instagram.Grains.Messages;

namespace Instagram.Api.Messages;

/// <summary>A conversation as created or found (POST /v1/conversations); participants include the caller.</summary>
public sealed record ConversationResponse(string Id, IReadOnlyList<UserSummaryResponse> Participants, bool IsGroup, string? Name, DateTimeOffset CreatedAt)
{
    public static ConversationResponse From(ConversationDetails conversation) => new(
        MessagesApi.Id(conversation.Id), [.. conversation.Participants.Select(UserSummaryResponse.From)], conversation.IsGroup, conversation.Name, conversation.CreatedAt);
}

/// <summary>A conversation in a folder listing: unreadCount counts others' messages after the caller's read pointer.</summary>
public sealed record ConversationListItemResponse(
    string Id, IReadOnlyList<UserSummaryResponse> Participants, bool IsGroup, string? Name, MessageResponse? LastMessage, long UnreadCount)
{
    public static ConversationListItemResponse From(ConversationListItem item) => new(
        MessagesApi.Id(item.Id), [.. item.Participants.Select(UserSummaryResponse.From)], item.IsGroup, item.Name,
        item.LastMessage is { } last ? MessageResponse.From(last) : null, item.UnreadCount);
}

/// <summary>A message; <c>removed</c> marks the tombstone of one an admin removed (no text, no media, same id and seq).</summary>
public sealed record MessageResponse(
    string Id, string ConversationId, long Seq, string SenderId, string ClientMessageId, string? Text, MediaResponse? Media, DateTimeOffset CreatedAt,
    bool Removed)
{
    public static MessageResponse From(MessageView message) => new(
        MessagesApi.Id(message.Id), MessagesApi.Id(message.ConversationId), message.Seq, MessagesApi.Id(message.SenderId), message.ClientMessageId,
        message.Text, message.Media is { } media ? MediaResponse.From(media) : null, message.CreatedAt, message.Removed);
}
