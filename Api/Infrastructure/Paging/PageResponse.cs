namespace Instagram.Api.Infrastructure.Paging;

/// <summary>One page of a list: the items and the opaque cursor of the next page (null at the end).</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
