namespace Instagram.Api.Auth;

/// <summary>
/// Slows password guessing against one account, wherever the guesses come from: each login attempt takes a turn,
/// and past the free attempts each turn locks the account for a doubling while. In-process for the Embedded profile,
/// in Redis for the Cluster profile, so every Api instance sees the same lock.
/// </summary>
public interface ILoginBackoff
{
    /// <summary>
    /// Takes one attempt for <paramref name="account"/>. Refused while the account is locked (the result says for how
    /// long); the check and the count are one atomic step, so a burst of parallel guesses gets one turn, not many.
    /// </summary>
    ValueTask<LoginTurn> TakeTurnAsync(string account);

    /// <summary>Forgets the account's attempts after a successful login.</summary>
    Task ResetAsync(string account);
}
