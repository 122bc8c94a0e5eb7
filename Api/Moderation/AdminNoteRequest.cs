using System.ComponentModel.DataAnnotations;
using Instagram.Api.Infrastructure.Validation;

namespace Instagram.Api.Moderation;

/// <summary>The optional body of a suspension or its lifting: why, for the audit log.</summary>
public sealed class AdminNoteRequest
{
    [MaxLength(500, ErrorMessage = "note may be at most 500 characters."), PlainText(MultiLine = true)]
    public string? Note { get; init; }
}
