using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;

namespace Instagram.Api.Infrastructure.SharedState;

/// <summary>
/// Runs a write once per (caller, Idempotency-Key); a repeat within 24 hours gets the first response. A repeat with a
/// different request under the same key is refused (422), not answered with the first request's result.
/// </summary>
public sealed class Idempotency(IIdempotencyStore store)
{
    public const string HeaderName = "Idempotency-Key";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task<T> RunOnceAsync<T>(ClaimsPrincipal caller, string operation, string? idempotencyKey, object? request, Func<Task<T>> action)
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
        var fingerprint = Convert.ToBase64String(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, JsonSerializerOptions.Web)));
        var claim = await store.TryBeginAsync(key, fingerprint, Lifetime);
        if (claim.State != IdempotencyState.Claimed && claim.Fingerprint != fingerprint)
        {
            throw DomainException.Unprocessable($"This {HeaderName} was used for a different request; use a new key for a new request.");
        }

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
            await store.CompleteAsync(key, fingerprint, JsonSerializer.Serialize(result, JsonSerializerOptions.Web), Lifetime);
            return result;
        }
        catch
        {
            await store.AbandonAsync(key);
            throw;
        }
    }
}
