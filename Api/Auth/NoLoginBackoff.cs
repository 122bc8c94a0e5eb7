namespace Instagram.Api.Auth;

/// <summary>What <c>RateLimits:LoginBackoff:Enabled=false</c> gets: every attempt proceeds.</summary>
internal sealed class NoLoginBackoff : ILoginBackoff
{
    public static readonly NoLoginBackoff Instance = new();

    public ValueTask<LoginTurn> TakeTurnAsync(string account) => ValueTask.FromResult(LoginTurn.Granted);

    public Task ResetAsync(string account) => Task.CompletedTask;
}
