using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Instagram.Api.Auth;

public static class AuthExtensions
{
    public static IHostApplicationBuilder AddApiAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<JwtOptions, JwtOptionsValidator>(JwtOptions.SectionName);
        services.AddValidatedOptions<LoginBackoffOptions, LoginBackoffOptionsValidator>(LoginBackoffOptions.SectionName);
        if (builder.Environment.IsDevelopment())
        {
            // Development runs with no secrets configured: a fresh key per start (tokens die with the process).
            var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            services.PostConfigure<JwtOptions>(o => o.SigningKey = string.IsNullOrEmpty(o.SigningKey) ? generated : o.SigningKey);
        }

        services.AddSingleton<TokenService>();
        services.AddSingleton<AuthServices>();
        services.AddSingleton<IPasswordHasher<AccountCredentials>, PasswordHasher<AccountCredentials>>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwt) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Issuer,
                    IssuerSigningKey = TokenService.SigningKeyOf(jwt.Value),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TokenService.ClockSkew,
                    NameClaimType = JwtRegisteredClaimNames.Sub,
                };
                bearer.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on a WebSocket or an EventSource: the hub alone also takes the token
                    // from the query string.
                    OnMessageReceived = context =>
                    {
                        if (context.HttpContext.Request.Path.StartsWithSegments(Realtime.RealtimeHub.Path)
                            && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        var revocations = context.HttpContext.RequestServices.GetRequiredService<ITokenRevocationList>();
                        if (context.Principal?.SessionId() is not { } sessionId || await revocations.IsRevokedAsync(sessionId))
                        {
                            context.Fail("The session has ended.");
                        }
                    },
                };
            });
        services.AddAuthorization();
        return builder;
    }
}
