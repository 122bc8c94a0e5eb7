using Instagram.Grains.Lists;

namespace Instagram.Grains.Moderation;

internal sealed class ReportGrain(
    [PersistentState("report", ProviderNames.GrainStorage)] IPersistentState<ReportState> report,
    IGrainFactory grains,
    IdGenerator ids,
    TimeProvider time) : Grain, IReportGrain
{
    private long ReportId => this.GetPrimaryKeyLong();

    private IEdgeListGrain OpenQueue => grains.GetGrain<IEdgeListGrain>(ModerationLists.OpenReports);

    public async Task<bool> AddAsync(ReportTarget target, long ownerId, long reporterId, string reason)
    {
        if (report.State.Resolution is not null)
        {
            return false;
        }

        if (!report.RecordExists)
        {
            report.State = new ReportState { Target = target, OwnerId = ownerId, CreatedAt = IdGenerator.TimeOf(ReportId) };
        }

        if (report.State.Reporters.Add(reporterId))
        {
            if (report.State.Reasons.Count < ReportItem.MaxReasons && !report.State.Reasons.Contains(reason, StringComparer.OrdinalIgnoreCase))
            {
                report.State.Reasons.Add(reason);
            }

            await report.WriteStateAsync();
            ModerationMetrics.Reports.Add(1, ModerationMetrics.Tag("target", target.Type));
        }

        // Queued after the first write, so the queue never names an item that was not stored; a repeat of a report
        // whose queueing failed queues it now.
        if (report.State.QueueSequence is null)
        {
            report.State.QueueSequence = await OpenQueue.AddAsync(ReportId);
            await report.WriteStateAsync();
        }

        return true;
    }

    public Task<ReportItem?> GetAsync() => Task.FromResult(report.RecordExists ? ToItem() : null);

    public async Task<ReportItem> ResolveAsync(ModerationAction action, long adminId, string? note)
    {
        if (!report.RecordExists)
        {
            throw DomainException.NotFound("report");
        }

        if (report.State.Resolution is not null)
        {
            await SettleAsync(); // finishes what a failed first resolution may have left undone
            throw DomainException.Conflict("This report is resolved already.");
        }

        if (action == ModerationAction.Lift)
        {
            throw DomainException.InvalidInput("action must be dismiss, remove or suspend.");
        }

        // The action first (each is idempotent), then the record: a failure leaves the item open, to be resolved again.
        var affected = await ModerationTargets.ApplyAsync(grains, report.State.Target, report.State.OwnerId, action);
        report.State.Resolution = new AdminAction(ids.NextId(), action, report.State.Target, ReportId, adminId, time.GetUtcNow(), note, affected);
        await report.WriteStateAsync();
        await SettleAsync();
        return ToItem();
    }

    private async Task SettleAsync()
    {
        if (report.State.Settled || report.State.Resolution is not { } resolution)
        {
            return;
        }

        await AdminActionLog.RecordAsync(grains, resolution);
        if (report.State.QueueSequence is { } sequence)
        {
            await OpenQueue.RemoveAsync(ReportId, sequence);
        }

        await grains.GetGrain<IEdgeListGrain>(ModerationLists.ResolvedReports).AddAsync(ReportId);
        report.State.Settled = true;
        await report.WriteStateAsync();
    }

    private ReportItem ToItem() => new(ReportId, report.State.Target, [.. report.State.Reasons], report.State.Reporters.Count,
        report.State.Resolution is null ? ReportStatus.Open : ReportStatus.Resolved, report.State.CreatedAt, report.State.Resolution);
}
