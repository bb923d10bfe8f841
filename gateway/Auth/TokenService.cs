using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using GoChat.GrainInterfaces.Models;
using Microsoft.IdentityModel.Tokens;

namespace GoChat.Gateway.Auth;

/// <summary>Mints the signed bearer tokens that the hub and the REST API accept.</summary>
public sealed class TokenService(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public static SymmetricSecurityKey KeyFrom(AuthOptions options) => new(Convert.FromBase64String(options.SigningKey));

    /// <param name="passkey">The device session was started with a passkey (admin routes may require it).</param>
    public (string Token, DateTimeOffset ExpiresAt) Issue(AccountInfo account, Guid? deviceId, bool passkey = false, bool loadTest = false)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var expires = now.AddMinutes(o.AccessTokenMinutes);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            Subject = new ClaimsIdentity(Claims(account, deviceId, passkey, loadTest)),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(KeyFrom(o), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    private static IEnumerable<Claim> Claims(AccountInfo account, Guid? deviceId, bool passkey, bool loadTest)
    {
        yield return new Claim(JwtRegisteredClaimNames.Sub, account.UserId.ToString());
        yield return new Claim(JwtRegisteredClaimNames.Name, account.DisplayName);
        yield return new Claim(GoChatClaims.Role, account.Role.ToString());
        yield return new Claim(GoChatClaims.SessionEpoch, account.SessionEpoch.ToString(), ClaimValueTypes.Integer32);
        if (account.AgencyId is { } agency) yield return new Claim(GoChatClaims.Agency, agency.ToString());
        if (account.IsExternal) yield return new Claim(GoChatClaims.External, "true");
        if (deviceId is { } device) yield return new Claim(GoChatClaims.Device, device.ToString());
        if (passkey) yield return new Claim(GoChatClaims.AuthMethod, GoChatClaims.PasskeyMethod);
        if (loadTest) yield return new Claim(GoChatClaims.LoadTest, "true");
    }

    /// <summary>The refresh token a client holds: which user and device it is for, and the secret.</summary>
    public static string RefreshToken(Guid userId, IssuedSession session) => $"{userId:N}.{session.DeviceId:N}.{session.RefreshSecret}";

    public static bool TryParseRefreshToken(string? token, out Guid userId, out Guid deviceId, out string secret)
    {
        userId = deviceId = Guid.Empty;
        secret = "";
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3 || parts[2].Length == 0) return false;
        if (!Guid.TryParseExact(parts[0], "N", out userId) || !Guid.TryParseExact(parts[1], "N", out deviceId)) return false;
        secret = parts[2];
        return true;
    }
}
