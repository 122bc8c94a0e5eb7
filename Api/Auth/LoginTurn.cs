namespace Instagram.Api.Auth;

/// <summary>Whether an attempt may proceed, and if not, how long until the account unlocks.</summary>
public readonly record struct LoginTurn(bool Allowed, TimeSpan RetryAfter)
{
    public static readonly LoginTurn Granted = new(true, TimeSpan.Zero);

    public static LoginTurn Locked(TimeSpan retryAfter) => new(false, retryAfter);
}
