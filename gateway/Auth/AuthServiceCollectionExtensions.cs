using Microsoft.Extensions.DependencyInjection.Extensions;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace GoChat.Gateway.Auth;

public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddGoChatAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations()
            .Validate(o => TryKeyLength(o.SigningKey) >= 32, "Auth:SigningKey must be base64 of at least 32 bytes.").ValidateOnStart();
        // Try: a host (a test) that brought its own clock keeps it.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TokenService>();
        services.AddOptions<PasskeyOptions>().BindConfiguration(PasskeyOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.IsValid(), PasskeyOptions.Rule).ValidateOnStart();
        services.AddOptions<AdminPasskeyOptions>().BindConfiguration(AdminPasskeyOptions.Section);
        services.AddSingleton<PasskeyRelyingParty>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((jwt, auth) =>
        {
            var o = auth.Value;
            jwt.MapInboundClaims = true;
            // A WebSocket keeps its authentication result for hours: the token text need not be kept with it.
            jwt.SaveToken = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = o.Issuer,
                ValidAudience = o.Audience,
                IssuerSigningKey = TokenService.KeyFrom(o),
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = BearerEvents.OnMessageReceived,
                OnTokenValidated = BearerEvents.OnTokenValidated,
                OnChallenge = BearerEvents.OnChallenge,
            };
        });
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ForbiddenProblemHandler>();
        services.AddAuthorizationBuilder()
            // The bearer handler maps the "role" claim to ClaimTypes.Role, which RequireRole reads.
            .AddPolicy(Policies.PlatformAdmin, p => p.RequireRole(nameof(UserRole.PlatformAdmin)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(UserRole.PlatformAdmin), nameof(UserRole.AgencyAdmin)));
        return services;
    }

    private static int TryKeyLength(string key)
    {
        try
        {
            return Convert.FromBase64String(key).Length;
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}
