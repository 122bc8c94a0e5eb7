using System.ComponentModel.DataAnnotations;
using Instagram.Api.Infrastructure.Validation;
using Instagram.Grains.Messages;

namespace Instagram.Api.Messages;

public sealed class CreateConversationRequest
{
    /// <summary>1 to 31 user ids besides the caller (duplicates and the caller's own id are dropped); more than one makes a group.</summary>
    [Required(ErrorMessage = "participantIds is required."), MinLength(1, ErrorMessage = "participantIds must name at least 1 user."),
     MaxLength(MessageKeys.MaxOthers, ErrorMessage = "participantIds may name at most 31 users: a group holds 32 people with you.")]
    public List<string> ParticipantIds { get; init; } = [];

    /// <summary>A group's name (not for a 1:1).</summary>
    [MaxLength(100, ErrorMessage = "name may be at most 100 characters."), PlainText]
    public string? Name { get; init; }
}

public sealed class SendMessageRequest
{
    /// <summary>The client's own id for the message: sending it again returns the stored message instead of a second one.</summary>
    [Required(ErrorMessage = "clientMessageId is required."), MinLength(1, ErrorMessage = "clientMessageId must not be empty."),
     MaxLength(64, ErrorMessage = "clientMessageId may be at most 64 characters."), PlainText]
    public string ClientMessageId { get; init; } = "";

    [MinLength(1, ErrorMessage = "text must not be empty."), MaxLength(2200, ErrorMessage = "text may be at most 2200 characters."), PlainText(MultiLine = true)]
    public string? Text { get; init; }

    /// <summary>A media item the caller uploaded and has not used elsewhere.</summary>
    public string? MediaId { get; init; }
}

public sealed class MarkReadRequest
{
    [Required(ErrorMessage = "upToSeq is required."), Range(0, long.MaxValue, ErrorMessage = "upToSeq must not be negative.")]
    public long? UpToSeq { get; init; }
}
