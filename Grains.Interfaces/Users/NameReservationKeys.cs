namespace Instagram.Grains.Users;

/// <summary>Grain keys for <see cref="INameReservationGrain"/>; names are compared case-insensitively.</summary>
public static class NameReservationKeys
{
    public static string ForUsername(string username) => "username:" + username.Trim().ToLowerInvariant();
    public static string ForEmail(string email) => "email:" + email.Trim().ToLowerInvariant();
}
