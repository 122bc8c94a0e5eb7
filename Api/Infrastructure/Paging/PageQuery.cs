namespace Instagram.Api.Infrastructure.Paging;

/// <summary>The <c>?cursor=&amp;limit=</c> pair every list endpoint takes.</summary>
public sealed class PageQuery
{
    public string? Cursor { get; init; }

    public int? Limit { get; init; }

    /// <summary>Checks the limit and decodes the cursor; both failures are the client's and answer 400.</summary>
    public PageRequest ToPageRequest(CursorCodec cursors)
    {
        var limit = Limit ?? PageRequest.DefaultLimit;
        if (limit is < 1 or > PageRequest.MaxLimit)
        {
            throw DomainException.InvalidInput($"limit must be between 1 and {PageRequest.MaxLimit}.");
        }

        return new PageRequest(cursors.Decode(Cursor), limit);
    }
}
