using Instagram.Grains.Events;
using Instagram.Grains.Graph;
using Instagram.Grains.Media;
using Instagram.Grains.Posts;

using Microsoft.AspNetCore.Identity;

namespace Instagram.Grains.Users;

internal sealed class UserGrain(
    [PersistentState("user", ProviderNames.GrainStorage)] IPersistentState<UserState> user,
    IGrainFactory grains,
    HydrationCache cache,
    TimeProvider time) : Grain, IUserGrain
{
    private long UserId => this.GetPrimaryKeyLong();

    public async Task<UserSummary> CreateAsync(NewAccount account)
    {
        if (user.RecordExists)
        {
            return string.Equals(user.State.Username, account.Username, StringComparison.OrdinalIgnoreCase)
                ? ToSummary()
                : throw DomainException.Conflict("This account already exists.");
        }

        user.State = new UserState
        {
            Username = account.Username,
            Email = account.Email,
            PasswordHash = account.PasswordHash,
            FullName = account.FullName ?? "",
            CreatedAt = time.GetUtcNow(),
        };
        await user.WriteStateAsync();
        await PublishEventAsync();
        return ToSummary();
    }

    public Task<UserSummary?> GetSummaryAsync() => Task.FromResult(user.RecordExists ? ToSummary() : null);

    public Task<Page<UserSummary>> GetFollowersAsync(long viewerId, PageRequest page) =>
        ConnectionsAsync(viewerId, () => grains.GetGrain<IFollowersGrain>(UserId).GetPageAsync(page));

    public Task<Page<UserSummary>> GetFollowingAsync(long viewerId, PageRequest page) =>
        ConnectionsAsync(viewerId, () => grains.GetGrain<IFollowingGrain>(UserId).GetPageAsync(page));

    public async Task<Page<PostView>> GetPostsAsync(long viewerId, PageRequest page)
    {
        await EnsureCanSeeContentAsync(viewerId);
        return await grains.GetGrain<IUserPostsGrain>(UserId).GetPageAsync(viewerId, page);
    }

    private async Task<Page<UserSummary>> ConnectionsAsync(long viewerId, Func<Task<Page<long>>> list)
    {
        await EnsureCanSeeContentAsync(viewerId);
        var blocked = grains.GetGrain<IBlocksGrain>(viewerId).GetExcludedAsync();
        var ids = await list();
        return new Page<UserSummary>(await grains.VisibleSummariesAsync(viewerId, blocked, ids.Items), ids.NextCursor);
    }

    // The rule for what belongs to this user (grid, followers, following): a blocked pair or a suspended owner gets 404 (the user does not
    // exist for them), a non-follower of a private account gets 403 (the profile says the account is private).
    private async Task EnsureCanSeeContentAsync(long viewerId)
    {
        var owner = user.RecordExists ? ToSummary() : null;
        if (owner is null || owner.IsHiddenFrom(viewerId) || await grains.IsBlockedEitherWayAsync(viewerId, owner.Id))
        {
            throw DomainException.NotFound("user");
        }

        if (!await grains.CanSeeContentAsync(viewerId, owner))
        {
            throw DomainException.Forbidden("This account is private: follow it to see its posts and connections.");
        }
    }

    public async Task<UserProfile?> GetProfileAsync(long viewerId)
    {
        if (!user.RecordExists)
        {
            return null;
        }

        // Blocked either way, or suspended: the profile does not exist for that viewer.
        if (ToSummary().IsHiddenFrom(viewerId) || await grains.IsBlockedEitherWayAsync(viewerId, UserId))
        {
            return null;
        }

        var followers = grains.GetGrain<IFollowersGrain>(UserId).GetCountAsync();
        var following = grains.GetGrain<IFollowingGrain>(UserId).GetCountAsync();
        var posts = grains.GetGrain<IUserPostsGrain>(UserId).GetCountAsync();
        var relationship = viewerId == UserId
            ? Task.FromResult(FollowState.None)
            : grains.GetGrain<IFollowingGrain>(viewerId).GetStateAsync(UserId);
        await Task.WhenAll(followers, following, posts, relationship);

        return new UserProfile(ToSummary(), user.State.Bio, followers.Result, following.Result, posts.Result,
            relationship.Result == FollowState.Following, relationship.Result == FollowState.Requested,
            viewerId == UserId ? user.State.CommentPolicy : null);
    }

    public async Task<bool> VerifyPasswordAsync(string password)
    {
        if (!user.RecordExists || string.IsNullOrEmpty(user.State.PasswordHash))
        {
            return false;
        }

        switch (Hasher.VerifyHashedPassword(this, user.State.PasswordHash, password))
        {
            case PasswordVerificationResult.SuccessRehashNeeded:
                // Hashed with older settings: store it again the way new passwords are stored.
                user.State.PasswordHash = Hasher.HashPassword(this, password);
                await user.WriteStateAsync();
                return true;
            case PasswordVerificationResult.Success:
                return true;
            default:
                return false;
        }
    }

    private static readonly PasswordHasher<UserGrain> Hasher = new();

    public async Task<UserProfile> UpdateProfileAsync(ProfileUpdate update)
    {
        if (!user.RecordExists)
        {
            throw DomainException.NotFound("user");
        }

        var avatarUrl = user.State.AvatarUrl;
        if (update.AvatarMediaId is { } mediaId)
        {
            // The claim names the user, not a write that may fail, so it is kept even if this update is not written:
            // retrying it succeeds. A replaced avatar keeps its claim and its bytes (pages and caches may still show
            // its URL); it is never freed for a post or story, and choosing it again is allowed.
            var avatar = await grains.GetGrain<IMediaGrain>(mediaId).ClaimAsync(UserId, MediaUse.ForAvatar(UserId));
            avatarUrl = avatar.Variants.Thumbnail;
        }

        var goingPublic = user.State.IsPrivate && update.IsPrivate == false;
        user.State.FullName = update.FullName ?? user.State.FullName;
        user.State.Bio = update.Bio ?? user.State.Bio;
        user.State.IsPrivate = update.IsPrivate ?? user.State.IsPrivate;
        user.State.CommentPolicy = update.CommentPolicy ?? user.State.CommentPolicy;
        user.State.AvatarUrl = avatarUrl;
        await user.WriteStateAsync();
        cache.Authors.Evict(UserId); // this silo's pages show the change at once, other silos' within the cache lifetime
        await PublishEventAsync();
        if (goingPublic)
        {
            // Nobody needs approval any more: everyone waiting becomes a follower.
            await grains.GetGrain<IFollowRequestsGrain>(UserId).ApproveAllAsync();
        }
        return (await GetProfileAsync(UserId))!;
    }

    public async Task<bool> SetSuspendedAsync(bool suspended)
    {
        if (!user.RecordExists)
        {
            throw DomainException.NotFound("user");
        }

        if (user.State.SuspendedAt.HasValue == suspended)
        {
            return false;
        }

        var now = time.GetUtcNow();
        user.State.SuspendedAt = suspended ? now : null;
        user.State.SessionsEndedAt = suspended ? now : user.State.SessionsEndedAt;
        await user.WriteStateAsync();
        cache.Authors.Evict(UserId); // read paths on this silo hide (or show) the account at once, others within the cache lifetime
        return true;
    }

    public Task<bool> AdmitSessionAsync(DateTimeOffset sessionStartedAt)
    {
        if (!user.RecordExists)
        {
            return Task.FromResult(false);
        }

        return user.State.SuspendedAt.HasValue
            ? throw Suspension.Refusal()
            : Task.FromResult(user.State.SessionsEndedAt is not { } ended || sessionStartedAt > ended);
    }

    public async Task<string?> CommentRefusalAsync(long commenterId)
    {
        if (commenterId == UserId || !user.RecordExists)
        {
            return null;
        }

        return user.State.CommentPolicy switch
        {
            CommentPolicy.Off => "The author has turned comments off on their posts.",
            // Accepted followers only: a pending request does not count.
            CommentPolicy.Followers when !await grains.GetGrain<IFollowingGrain>(commenterId).IsFollowingAsync(UserId) =>
                "Only the author's followers can comment on their posts.",
            _ => null,
        };
    }

    private Task PublishEventAsync() => this.GetStreamProvider(ProviderNames.Streams)
        .GetStream<UserEvent>(StreamId.Create(StreamNamespaces.UserEvents, UserId))
        .OnNextAsync(new UserEvent(ToSummary(), user.State.Bio));

    private UserSummary ToSummary() => new(UserId, user.State.Username, user.State.FullName, user.State.AvatarUrl,
        user.State.IsVerified, user.State.IsPrivate, user.State.SuspendedAt.HasValue);
}
