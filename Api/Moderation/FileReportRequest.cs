using System.ComponentModel.DataAnnotations;
using Instagram.Api.Infrastructure.Validation;
using Instagram.Grains.Moderation;

namespace Instagram.Api.Moderation;

public sealed class FileReportRequest
{
    // Nullable so that a missing type is refused rather than read as the first value.
    [Required(ErrorMessage = "targetType is required.")]
    public ReportTargetType? TargetType { get; init; }

    [Required(ErrorMessage = "targetId is required.")]
    public string TargetId { get; init; } = "";

    [Required(ErrorMessage = "reason is required."), MaxLength(500, ErrorMessage = "reason may be at most 500 characters."), PlainText(MultiLine = true)]
    public string Reason { get; init; } = "";
}
