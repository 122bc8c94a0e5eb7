namespace Instagram.Api.Moderation;

/// <summary>The queue item the report joined: the same id for every report of that target while it is open.</summary>
public sealed record FileReportResponse(string ReportId);
