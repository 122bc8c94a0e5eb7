using System.ComponentModel.DataAnnotations;
using Instagram.Api.Infrastructure.Validation;

namespace Instagram.Api.Moderation;

public sealed class ResolveReportRequest
{
    [Required(ErrorMessage = "action is required."),
     AllowedValues("dismiss", "remove", "suspend", ErrorMessage = "action must be dismiss, remove or suspend.")]
    public string Action { get; init; } = "";

    /// <summary>Why: kept in the audit log.</summary>
    [MaxLength(500, ErrorMessage = "note may be at most 500 characters."), PlainText(MultiLine = true)]
    public string? Note { get; init; }
}
