using Instagram.Grains.Affinity;
using Instagram.Grains.Lists;
using Instagram.Grains.Notifications;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;

namespace Instagram.Grains.Comments;

internal sealed class CommentGrain(
    [PersistentState("comment", ProviderNames.GrainStorage)] IPersistentState<CommentState> comment,
    IGrainFactory grains) : Grain, ICommentGrain
{
    public const int MaxLength = 2_200;

    private long CommentId => this.GetPrimaryKeyLong();

    public async Task<CommentDetails> CreateAsync(NewComment newComment)
    {
        if (comment.RecordExists && comment.State.Sequence is not null)
        {
            return comment.State.AuthorId == newComment.AuthorId ? ToDetails() : throw DomainException.Conflict("This comment id is taken.");
        }

        if (string.IsNullOrWhiteSpace(newComment.Text) || newComment.Text.Length > MaxLength)
        {
            throw DomainException.InvalidInput($"A comment has 1 to {MaxLength} characters.");
        }

        var post = await grains.VisiblePostAsync(newComment.AuthorId, newComment.PostId);
        // The author's comment policy holds for new comments only: the ones already there stay.
        if (await grains.GetGrain<IUserGrain>(post.AuthorId).CommentRefusalAsync(newComment.AuthorId) is { } refusal)
        {
            throw DomainException.Forbidden(refusal);
        }

        if (newComment.ParentId is { } parentId)
        {
            var parent = await grains.GetGrain<ICommentGrain>(parentId).GetAsync() ?? throw DomainException.NotFound("parent comment");
            if (parent.PostId != newComment.PostId)
            {
                throw DomainException.Unprocessable("The parent comment belongs to another post.");
            }

            if (parent.ParentId is not null)
            {
                throw DomainException.Unprocessable("Replies go one level deep: reply to the top-level comment.");
            }
        }

        comment.State = new CommentState
        {
            PostId = newComment.PostId,
            AuthorId = newComment.AuthorId,
            Text = newComment.Text,
            ParentId = newComment.ParentId,
            CreatedAt = IdGenerator.TimeOf(CommentId),
        };
        await comment.WriteStateAsync();
        comment.State.Sequence = await CommentsOf(newComment.PostId).AddAsync(CommentId);
        await comment.WriteStateAsync();

        await this.NotifyAsync(post.AuthorId, NotificationType.Comment, newComment.AuthorId, newComment.PostId);
        await grains.GetGrain<IAffinityGrain>(newComment.AuthorId).RecordAsync(post.AuthorId, Interaction.Comment, post.Hashtags);
        await this.NotifyMentionedAsync(grains, CaptionParser.Mentions(newComment.Text), newComment.AuthorId, newComment.PostId, post.AuthorId);
        return ToDetails();
    }

    public Task<CommentDetails?> GetAsync() =>
        Task.FromResult(comment.RecordExists && !comment.State.Deleted && comment.State.Sequence is not null ? ToDetails() : null);

    public async Task DeleteAsync(long requestedBy, long postId)
    {
        if (!comment.RecordExists || comment.State.Deleted || comment.State.PostId != postId)
        {
            throw DomainException.NotFound("comment");
        }

        if (requestedBy != comment.State.AuthorId
            && (await grains.GetGrain<IPostGrain>(postId).GetDetailsAsync())?.AuthorId != requestedBy)
        {
            throw DomainException.Forbidden("Only the comment's author or the post's author can delete it.");
        }

        comment.State.Deleted = true;
        await comment.WriteStateAsync();
        if (comment.State.Sequence is { } sequence)
        {
            await CommentsOf(postId).RemoveAsync(CommentId, sequence);
        }
    }

    private IEdgeListGrain CommentsOf(long postId) => grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.Comments, postId));

    private CommentDetails ToDetails() => new(CommentId, comment.State.PostId, comment.State.AuthorId, comment.State.Text,
        comment.State.ParentId, comment.State.CreatedAt);
}
