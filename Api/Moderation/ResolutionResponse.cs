using Instagram.Grains.Moderation;

namespace Instagram.Api.Moderation;

/// <summary>How a report item was resolved: the action, the admin's user id, when, and the admin's note.</summary>
public sealed record ResolutionResponse(ModerationAction Action, string By, DateTimeOffset At, string? Note);
