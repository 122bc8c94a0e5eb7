namespace Instagram.Grains.Common;

/// <summary>
/// Whether this silo is stopping with no other active silo to take over its grains. Then the cluster's grains are all
/// deactivating at once, so what a grain does on its way out (flush a buffer to another grain, write state kept in
/// memory on the Embedded profile) has nowhere to go: it would only log a failed call with a stack trace per grain.
/// While another silo is up, the same work still runs, because that silo keeps it.
/// </summary>
public sealed class LastSiloStopping(ILocalSiloDetails silo, IClusterMembershipService membership) : ILifecycleParticipant<ISiloLifecycle>
{
    private volatile bool _stopping;

    public bool IsTrue => _stopping && !membership.CurrentSnapshot.Members.Values.Any(member =>
        member.Status == SiloStatus.Active && !member.SiloAddress.Equals(silo.SiloAddress));

    public void Participate(ISiloLifecycle lifecycle) =>
        // The Active stage stops before grains are deactivated (later stages stop first).
        lifecycle.Subscribe(nameof(LastSiloStopping), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            _stopping = true;
            return Task.CompletedTask;
        });
}
