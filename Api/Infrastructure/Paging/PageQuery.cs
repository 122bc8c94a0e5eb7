using Microsoft.AspNetCore.Mvc;

namespace Instagram.Api.Infrastructure.Paging;

/// <summary>The <c>?cursor=&amp;limit=</c> pair every list endpoint takes.</summary>
public sealed class PageQuery
{
    // Named here because [AsParameters] would publish the property names (PascalCase); binding ignores case anyway.
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    [FromQuery(Name = "limit")]
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
