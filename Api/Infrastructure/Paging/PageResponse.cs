namespace Instagram.Api.Infrastructure.Paging;

/// <summary>
/// One page of a list: the items and the opaque cursor of the next page (null at the end). <c>degraded: true</c> only
/// when the list was ordered without some of its inputs (the ranked feed or explore without the viewer's affinities).
/// </summary>
public sealed record PageResponse<T>(
    IReadOnlyList<T> Items,
    string? NextCursor,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)] bool Degraded = false);
