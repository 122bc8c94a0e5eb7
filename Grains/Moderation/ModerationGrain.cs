using Instagram.Grains.Lists;
using Instagram.Grains.Users;

namespace Instagram.Grains.Moderation;

// Stateless: every call reads or writes other grains (targets, items, the queues), so any silo serves it, several at once.
[StatelessWorker]
internal sealed class ModerationGrain(IGrainFactory grains, IdGenerator ids, TimeProvider time) : Grain, IModerationGrain
{
    public const int MaxReasonLength = 500;

    public async Task<long> FileReportAsync(long reporterId, ReportTarget target, string reason)
    {
        var text = reason.Trim();
        if (text.Length is 0 or > MaxReasonLength)
        {
            throw DomainException.InvalidInput($"reason must be 1 to {MaxReasonLength} characters.");
        }

        var (checkedTarget, ownerId) = await ModerationTargets.OwnerOfVisibleAsync(grains, reporterId, target);
        if (ownerId == reporterId)
        {
            throw DomainException.Unprocessable("You cannot report yourself or your own content.");
        }

        return await grains.GetGrain<IReportTargetGrain>(checkedTarget.Key).FileAsync(checkedTarget, ownerId, reporterId, text);
    }

    public async Task<Page<ReportItem>> GetReportsAsync(ReportStatus status, PageRequest page)
    {
        var open = status == ReportStatus.Open;
        var ids = await grains.GetGrain<IEdgeListGrain>(open ? ModerationLists.OpenReports : ModerationLists.ResolvedReports)
            .GetPageAsync(page, newestFirst: !open);
        var items = await Task.WhenAll(ids.Items.Distinct().Select(id => grains.GetGrain<IReportGrain>(id).GetAsync()));
        // An item being resolved sits in the open queue until it settles: it is shown where its status says.
        return new Page<ReportItem>([.. items.OfType<ReportItem>().Where(i => i.Status == status)], ids.NextCursor);
    }

    public async Task<Page<AdminAction>> GetActionsAsync(PageRequest page)
    {
        var ids = await grains.GetGrain<IEdgeListGrain>(ModerationLists.Actions).GetPageAsync(page, newestFirst: true);
        var actions = await Task.WhenAll(ids.Items.Distinct().Select(id => grains.GetGrain<IAdminActionGrain>(id).GetAsync()));
        return new Page<AdminAction>([.. actions.OfType<AdminAction>()], ids.NextCursor);
    }

    public Task<AdminAction> SuspendAsync(long userId, long adminId, string? note) =>
        SetSuspendedAsync(userId, adminId, note, ModerationAction.Suspend);

    public Task<AdminAction> LiftSuspensionAsync(long userId, long adminId, string? note) =>
        SetSuspendedAsync(userId, adminId, note, ModerationAction.Lift);

    private async Task<AdminAction> SetSuspendedAsync(long userId, long adminId, string? note, ModerationAction action)
    {
        var suspend = action == ModerationAction.Suspend;
        if (suspend && userId == adminId)
        {
            throw DomainException.Unprocessable("You cannot suspend yourself.");
        }

        if (!await grains.GetGrain<IUserGrain>(userId).SetSuspendedAsync(suspend))
        {
            throw DomainException.Conflict(suspend ? "This account is suspended already." : "This account is not suspended.");
        }

        var entry = new AdminAction(ids.NextId(), action, new ReportTarget(ReportTargetType.User, userId), ReportId: null, adminId,
            time.GetUtcNow(), note, userId);
        await AdminActionLog.RecordAsync(grains, entry);
        return entry;
    }
}
