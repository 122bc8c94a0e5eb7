namespace Instagram.Api.Infrastructure.Paging;

public static class PageMapping
{
    public static PageResponse<TOut> ToResponse<TIn, TOut>(this Page<TIn> page, CursorCodec cursors, Func<TIn, TOut> map) =>
        new([.. page.Items.Select(map)], cursors.Encode(page.NextCursor), page.Degraded);
}
