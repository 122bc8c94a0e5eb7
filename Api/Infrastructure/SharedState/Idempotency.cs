using System.Globalization;
using System.Security.Claims;
using System.Text.Json;

namespace Instagram.Api.Infrastructure.SharedState;

/// <summary>Runs a write once per (caller, Idempotency-Key); a repeat within 24 hours gets the first response.</summary>
public sealed class Idempotency(IIdempotencyStore store)
{
    public const string HeaderName = "Idempotency-Key";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task<T> RunOnceAsync<T>(ClaimsPrincipal caller, string operation, string? idempotencyKey, Func<Task<T>> action)
    {
        if (idempotencyKey is null)
        {
            return await action();
        }

        if (idempotencyKey.Length is 0 or > 128)
        {
            throw DomainException.InvalidInput($"{HeaderName} must be 1 to 128 characters.");
        }

        // Scoped to the caller and the operation: two users (or two endpoints) may pick the same key.
        var key = string.Create(CultureInfo.InvariantCulture, $"{caller.UserId()}:{operation}:{idempotencyKey}");
        var claim = await store.TryBeginAsync(key, Lifetime);
        switch (claim.State)
        {
            case IdempotencyState.Completed:
                return JsonSerializer.Deserialize<T>(claim.Response!, JsonSerializerOptions.Web)!;
            case IdempotencyState.InProgress:
                throw DomainException.Conflict($"A request with this {HeaderName} is still being processed.");
        }

        try
        {
            var result = await action();
            await store.CompleteAsync(key, JsonSerializer.Serialize(result, JsonSerializerOptions.Web), Lifetime);
            return result;
        }
        catch
        {
            await store.AbandonAsync(key);
            throw;
        }
    }
}
