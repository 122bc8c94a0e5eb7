using Instagram.Grains.Common.Text;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;

namespace Instagram.Grains.Search;

/// <summary>
/// Grain state as the index stores it. Text is cleaned of control and bidi characters (<see cref="TextRules"/>)
/// whatever the Api lets through now: state written before it refused them, or by another way in, must not break
/// the index (PostgreSQL refuses a NUL, and with it the whole batch it sits in).
/// </summary>
internal static class SearchDocuments
{
    public static UserDocument From(UserSummary user) => new(user.Id, TextRules.Clean(user.Username), TextRules.Clean(user.FullName), user.IsPrivate, user.IsVerified);

    public static PostDocument From(PostDetails post) =>
        new(post.Id, post.AuthorId, TextRules.Clean(post.Caption), [.. post.Hashtags.Select(TextRules.Clean)], post.Location?.Lat, post.Location?.Lng,
            post.CreatedAt);
}
