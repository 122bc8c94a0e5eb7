using System.Text.Json.Serialization;
using Instagram.Api.Users;

namespace Instagram.Api.Auth;

/// <summary>A token pair; registration also returns the new user.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UserSummaryResponse? User = null);
