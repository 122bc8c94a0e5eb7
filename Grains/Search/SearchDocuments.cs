using Instagram.Grains.Posts;
using Instagram.Grains.Users;

namespace Instagram.Grains.Search;

/// <summary>Grain state as the index stores it.</summary>
internal static class SearchDocuments
{
    public static UserDocument From(UserSummary user) => new(user.Id, user.Username, user.FullName, user.IsPrivate, user.IsVerified);

    public static PostDocument From(PostDetails post) =>
        new(post.Id, post.AuthorId, post.Caption, post.Hashtags, post.Location?.Lat, post.Location?.Lng, post.CreatedAt);
}
