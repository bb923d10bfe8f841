using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Identity;

/// <summary>
/// One email address's sign-in: sends one-time codes (rate-limited), checks them (attempts limited, expiring),
/// and on first success decides what account the address gets.
/// </summary>
[GrainType("email-login")]
public sealed class EmailLoginGrain(
    [PersistentState("email-login")] IPersistentState<EmailLoginState> state,
    IEmailSender email,
    DirectoryStore directory,
    AuditStore audit,
    IOptions<IdentityOptions> options,
    TimeProvider time,
    ILogger<EmailLoginGrain> logger) : Grain, IEmailLoginGrain
{
    private EmailLoginState S => state.State;
    private string Address => this.GetPrimaryKeyString();
    private IdentityOptions O => options.Value;

    public async Task RequestCode()
    {
        var now = time.GetUtcNow();
        if (now - S.WindowStart > TimeSpan.FromMinutes(O.CodeWindowMinutes))
        {
            S.WindowStart = now;
            S.CodesInWindow = 0;
        }
        if (S.CodesInWindow >= O.MaxCodesPerWindow)
        {
            throw new GoChatException(ErrorCodes.RateLimited, "Too many codes requested for this address; try again later.");
        }

        var code = Secrets.NewCode();
        var salt = Secrets.NewSalt();
        try
        {
            await email.SendAsync(Address, "Kod log masuk GoChat / GoChat sign-in code", $"""
                Kod log masuk GoChat anda ialah {code}. Kod ini sah selama {O.CodeLifetimeMinutes} minit.
                Jangan kongsi kod ini dengan sesiapa.

                Your GoChat sign-in code is {code}. It is valid for {O.CodeLifetimeMinutes} minutes.
                Do not share this code with anyone.
                """);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Sending a sign-in code failed");
            throw new GoChatException(ErrorCodes.Unavailable, "The code could not be sent; try again shortly.");
        }
        S.CodeSalt = salt;
        S.CodeHash = Secrets.Hash(code, salt);
        S.CodeExpiresAt = now.AddMinutes(O.CodeLifetimeMinutes);
        S.Attempts = 0;
        S.CodesInWindow++;
        await state.WriteStateAsync();
    }

    public async Task<AccountInfo> VerifyCode(string code, Guid? requestedAgencyId, string? displayName)
    {
        if (S.CodeHash is null) throw new GoChatException(ErrorCodes.InvalidCode, "The code is not valid; request a new one.");
        if (time.GetUtcNow() > S.CodeExpiresAt)
        {
            await VoidCode();
            throw new GoChatException(ErrorCodes.CodeExpired, "The code has expired; request a new one.");
        }
        if (!Secrets.Matches(code ?? "", S.CodeSalt, S.CodeHash))
        {
            S.Attempts++;
            var agency = S.UserId is { } known ? (await GrainFactory.GetGrain<IUserGrain>(known).GetAccount())?.AgencyId : null;
            if (S.Attempts >= O.MaxAttemptsPerCode)
            {
                await VoidCode();
                await audit.Append(AuditActions.CodeLockedOut, agency, null, S.UserId, Address);
                throw new GoChatException(ErrorCodes.TooManyAttempts, "Too many wrong codes; request a new one.");
            }
            await state.WriteStateAsync();
            await audit.Append(AuditActions.CodeFailed, agency, null, S.UserId, Address);
            throw new GoChatException(ErrorCodes.InvalidCode, "The code is not valid.");
        }

        // The code is right. It is spent only once an account stands behind it, so a missing agency choice can be retried.
        var account = S.UserId is { } existing
            ? await GrainFactory.GetGrain<IUserGrain>(existing).GetAccount() ?? throw new GoChatException(ErrorCodes.Unavailable, "Account missing.")
            : await Register(requestedAgencyId, displayName);
        await VoidCode();
        await audit.Append(AuditActions.SignedIn, account.AgencyId, account.UserId, account.UserId, Address);
        return account;
    }

    private async Task<AccountInfo> Register(Guid? requestedAgencyId, string? displayName)
    {
        var name = TextRules.IsBlank(displayName) && TextRules.Problem(displayName ?? "") is null
            ? Address[..Address.IndexOf('@')]
            : TextRules.Required(displayName, Limits.MaxDisplayNameLength, "A display name");

        AccountSetup setup;
        if (O.PlatformAdminEmails.Any(a => string.Equals(a.Trim(), Address, StringComparison.OrdinalIgnoreCase)))
        {
            setup = new AccountSetup(Address, name, null, false, UserRole.PlatformAdmin, AccountStatus.Active);
        }
        else if (await directory.FindAgencyForEmail(Address) is { } owner && owner.Category.IsGovernment())
        {
            setup = new AccountSetup(Address, name, owner.AgencyId, false, UserRole.User, AccountStatus.Active);
        }
        else
        {
            if (requestedAgencyId is not { } agencyId) throw new GoChatException(ErrorCodes.AgencyRequired, "Choose the agency you are joining; an admin there approves external users.");
            var agency = await GrainFactory.GetGrain<IAgencyGrain>(agencyId).GetInfo();
            if (agency is null || !agency.Category.IsGovernment()) throw new GoChatException(ErrorCodes.AgencyNotFound, "No such government agency.");
            setup = new AccountSetup(Address, name, agencyId, true, UserRole.User, AccountStatus.PendingApproval);
        }

        var userId = Guid.NewGuid();
        var account = await GrainFactory.GetGrain<IUserGrain>(userId).CreateAccount(setup);
        S.UserId = userId;
        await state.WriteStateAsync();
        logger.LogInformation("Registered {UserId} as {Status} in {AgencyId}", userId, setup.Status, setup.AgencyId);
        await audit.Append(AuditActions.Registered, setup.AgencyId, userId, userId, $"{Address} {setup.Status}");
        return account;
    }

    private async Task VoidCode()
    {
        S.CodeHash = null;
        S.CodeSalt = null;
        S.Attempts = 0;
        await state.WriteStateAsync();
    }
}
