using Instagram.Grains.Comments;
using Instagram.Grains.Graph;
using Instagram.Grains.Messages;
using Instagram.Grains.Posts;
using Instagram.Grains.Stories;
using Instagram.Grains.Users;

namespace Instagram.Grains.Moderation;

/// <summary>What a report target is, who owns it, and what removing it or suspending its owner means.</summary>
internal static class ModerationTargets
{
    /// <summary>
    /// The owner of a target <paramref name="viewerId"/> can see, by the same rules its read paths apply; a 404 for an
    /// unknown, deleted, expired or hidden one, so a report cannot probe what the reporter may not see. The target comes
    /// back completed: a message with the conversation it was found in.
    /// </summary>
    public static async Task<(ReportTarget Target, long OwnerId)> OwnerOfVisibleAsync(IGrainFactory grains, long viewerId, ReportTarget target)
    {
        var what = target.Type.ToString().ToLowerInvariant();
        try
        {
            if (target.Type == ReportTargetType.Message)
            {
                var message = await grains.FindReadableMessageAsync(viewerId, target.Id) ?? throw DomainException.NotFound(what);
                return (target with { ConversationId = message.ConversationId }, message.SenderId);
            }

            return target.Type switch
            {
                ReportTargetType.Post => (await grains.VisiblePostAsync(viewerId, target.Id)).AuthorId,
                ReportTargetType.Comment => await CommentAuthorAsync(grains, viewerId, target.Id),
                ReportTargetType.User => await grains.GetGrain<IUserGrain>(target.Id).GetProfileAsync(viewerId) is not null ? target.Id : 0,
                ReportTargetType.Story => await StoryAuthorAsync(grains, viewerId, target.Id),
                _ => throw DomainException.InvalidInput($"targetType {what} cannot be reported."),
            } is var owner and > 0 ? (target, owner) : throw DomainException.NotFound(what);
        }
        catch (DomainException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.NotFound(what); // "the comment", not "the post" it sits under
        }
    }

    /// <summary>
    /// Carries out a resolution on the target: removal through the author's own delete (same tombstone, same clean-up;
    /// a message, which its sender cannot delete, through its conversation's removal), suspension of the owner. Returns
    /// the account suspended, if any. A target already gone counts as removed.
    /// </summary>
    public static async Task<long?> ApplyAsync(IGrainFactory grains, ReportTarget target, long ownerId, ModerationAction action)
    {
        if (action == ModerationAction.Suspend || (action == ModerationAction.Remove && target.Type == ReportTargetType.User))
        {
            await grains.GetGrain<IUserGrain>(ownerId).SetSuspendedAsync(true); // already suspended is fine here
            return ownerId;
        }

        if (action == ModerationAction.Remove)
        {
            try
            {
                await RemoveAsync(grains, target, ownerId);
            }
            catch (DomainException ex) when (ex.Kind == DomainErrorKind.NotFound)
            {
                // deleted by its author or expired meanwhile: nothing left to remove
            }
        }

        return null;
    }

    private static async Task RemoveAsync(IGrainFactory grains, ReportTarget target, long ownerId)
    {
        switch (target.Type)
        {
            case ReportTargetType.Post:
                await grains.GetGrain<IPostGrain>(target.Id).DeleteAsync(ownerId);
                break;
            case ReportTargetType.Comment:
                var comment = grains.GetGrain<ICommentGrain>(target.Id);
                if (await comment.GetAsync() is { } details)
                {
                    await comment.DeleteAsync(details.AuthorId, details.PostId);
                }

                break;
            case ReportTargetType.Story:
                await grains.GetGrain<IStoryGrain>(target.Id).DeleteAsync(ownerId);
                break;
            case ReportTargetType.Message when target.ConversationId is { } conversationId:
                await grains.GetGrain<IConversationGrain>(conversationId).RemoveMessageAsync(target.Id);
                break;
        }
    }

    // A comment is seen where its post is, unless its author is blocked either way with the viewer or suspended.
    private static async Task<long> CommentAuthorAsync(IGrainFactory grains, long viewerId, long commentId)
    {
        var comment = await grains.GetGrain<ICommentGrain>(commentId).GetAsync() ?? throw DomainException.NotFound("comment");
        await grains.VisiblePostAsync(viewerId, comment.PostId);
        var blocked = grains.GetGrain<IBlocksGrain>(viewerId).GetExcludedAsync();
        return (await grains.VisibleSummariesAsync(viewerId, blocked, [comment.AuthorId])).Length == 1 ? comment.AuthorId : 0;
    }

    private static async Task<long> StoryAuthorAsync(IGrainFactory grains, long viewerId, long storyId)
    {
        var story = await grains.GetGrain<IStoryGrain>(storyId).GetAsync() ?? throw DomainException.NotFound("story");
        var author = await grains.GetGrain<IUserGrain>(story.AuthorId).GetSummaryAsync();
        return author is not null && await grains.CanSeeContentAsync(viewerId, author) ? author.Id : 0;
    }
}
