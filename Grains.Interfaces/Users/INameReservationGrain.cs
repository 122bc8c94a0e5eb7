namespace Instagram.Grains.Users;

/// <summary>
/// Makes a login name unique: one grain per normalised name, keyed "username:{name}" or "email:{address}"
/// (see <see cref="NameReservationKeys"/>). The grain is the single writer for that name, so two registrations
/// racing for it cannot both win.
/// </summary>
[Alias("Instagram.Grains.Users.INameReservationGrain")]
public interface INameReservationGrain : IGrainWithStringKey
{
    /// <summary>True when the name now belongs to <paramref name="userId"/> (also when it already did).</summary>
    [Alias("TryReserveAsync")] Task<bool> TryReserveAsync(long userId);

    /// <summary>Gives the name up, but only if <paramref name="userId"/> holds it.</summary>
    [Alias("ReleaseAsync")] Task ReleaseAsync(long userId);

    [Alias("GetOwnerAsync")] Task<long?> GetOwnerAsync();
}
