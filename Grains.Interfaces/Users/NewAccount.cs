namespace Instagram.Grains.Users;

/// <summary>What registration hands the user grain. The password is already hashed by the Api.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Users.NewAccount")]
public sealed record NewAccount(
    [property: Id(0)] string Username,
    [property: Id(1)] string Email,
    [property: Id(2)] string PasswordHash,
    [property: Id(3)] string? FullName);
