namespace Instagram.Grains.Users;

internal sealed class NameReservationGrain(
    [PersistentState("name", ProviderNames.GrainStorage)] IPersistentState<NameReservationState> reservation,
    IGrainFactory grains,
    TimeProvider time) : Grain, INameReservationGrain
{
    // How long a fresh reservation is protected while its registration creates the account.
    private static readonly TimeSpan RegistrationGrace = TimeSpan.FromMinutes(1);

    public async Task<bool> TryReserveAsync(long userId)
    {
        if (reservation.State.OwnerId is { } owner && owner != userId && await OwnerStillHoldsItAsync(owner))
        {
            return false;
        }

        if (reservation.State.OwnerId != userId)
        {
            reservation.State.OwnerId = userId;
            reservation.State.ReservedAt = time.GetUtcNow();
            await reservation.WriteStateAsync();
        }

        return true;
    }

    public async Task ReleaseAsync(long userId)
    {
        if (reservation.State.OwnerId == userId)
        {
            reservation.State.OwnerId = null;
            await reservation.WriteStateAsync();
        }
    }

    public Task<long?> GetOwnerAsync() => Task.FromResult(reservation.State.OwnerId);

    // A registration that died between reserving the name and creating the account leaves an orphan
    // reservation; the name goes to the next person who asks instead of staying blocked forever.
    private async Task<bool> OwnerStillHoldsItAsync(long ownerId) =>
        time.GetUtcNow() - reservation.State.ReservedAt < RegistrationGrace
        || await grains.GetGrain<IUserGrain>(ownerId).GetSummaryAsync() is not null;
}
