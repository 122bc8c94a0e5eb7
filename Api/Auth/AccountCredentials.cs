namespace Instagram.Api.Auth;

/// <summary>The user type <see cref="Microsoft.AspNetCore.Identity.PasswordHasher{TUser}"/> is keyed on; it carries nothing.</summary>
public sealed class AccountCredentials;
