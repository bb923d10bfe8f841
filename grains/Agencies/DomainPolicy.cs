using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Agencies;

/// <summary>Where a requested domain may go: refused, waiting for another agency's consent, waiting for approval, or active.</summary>
public sealed record DomainPlacement(DomainStatus Status, Guid? ConsentAgencyId, bool Approved);

/// <summary>
/// The rules that stop an agency from taking addresses that are not its own. The longest active suffix of an address
/// decides its agency, so an agency asking for a domain could otherwise capture sign-ups meant for another agency
/// (a domain above or inside the other's) or for nobody (a public mail domain). Pure: the caller supplies what is stored.
/// </summary>
public sealed partial class DomainPolicy(IOptions<DomainPolicyOptions> options)
{
    private readonly HashSet<string> _refusedMail = [.. options.Value.RefusedMailDomains];
    private readonly HashSet<string> _publicSuffixes = [.. options.Value.PublicSuffixes];

    /// <summary>Lower case, without a leading @; INVALID_DOMAIN (a 400) if it is not a domain name.</summary>
    public static string Normalize(string? domain)
    {
        var d = domain?.Trim().TrimStart('@').ToLowerInvariant() ?? "";
        if (!IsDomainName(d)) throw new GoChatException(ErrorCodes.InvalidDomain, $"'{domain}' is not a valid email domain, such as jabatan.gov.my.");
        return d;
    }

    public static bool IsDomainName(string? domain) => domain is not null && DomainPattern().IsMatch(domain);

    /// <summary>True when <paramref name="inner"/> is strictly below <paramref name="outer"/> (x.b.gov.my below b.gov.my).</summary>
    public static bool IsBelow(string inner, string outer) =>
        inner.Length > outer.Length + 1 && inner.EndsWith(outer, StringComparison.Ordinal) && inner[^(outer.Length + 1)] == '.';

    /// <summary>DOMAIN_NOT_ALLOWED for a top-level domain, a public suffix, or a public mail domain and anything below it.</summary>
    public void RequireAllowed(string domain)
    {
        if (!domain.Contains('.')) throw NotAllowed($"'{domain}' is a top-level domain. No agency may own it.");
        if (_publicSuffixes.Contains(domain)) throw NotAllowed($"'{domain}' is a public suffix shared by many organisations. No agency may own it.");
        if (_refusedMail.Contains(domain) || _refusedMail.Any(m => IsBelow(domain, m))) throw NotAllowed($"'{domain}' is a public mail domain. No agency may own it.");
    }

    /// <summary>
    /// Decides a request of <paramref name="agencyId"/> for <paramref name="domain"/> (normalized), given every stored
    /// domain (any status) equal to, above or below it. Throws when it is refused.
    /// </summary>
    public DomainPlacement Place(string domain, Guid agencyId, bool byPlatformAdmin, IReadOnlyList<AgencyDomain> related)
    {
        RequireAllowed(domain);
        if (related.FirstOrDefault(r => r.Domain == domain) is { } same)
        {
            throw new GoChatException(ErrorCodes.Conflict, same.AgencyId == agencyId
                ? $"'{domain}' is already this agency's{(same.Status == DomainStatus.Active ? "" : " (pending)")}."
                : $"'{domain}' already belongs to or is requested by another agency.");
        }
        // A domain above another agency's would make that agency's inner domain look like ours to people (and to the
        // parent-consent rule), and every sub-domain nobody owns yet would land here: refused, not negotiable.
        if (related.Any(r => IsBelow(r.Domain, domain) && r.AgencyId != agencyId))
        {
            throw NotAllowed($"'{domain}' contains a domain of another agency, whose sign-ups it would capture.");
        }
        // The closest domain above decides whose consent is needed: ours (none) or another agency's.
        var parent = related.Where(r => IsBelow(domain, r.Domain)).MaxBy(r => r.Domain.Length);
        Guid? consent = null;
        if (parent is not null && parent.AgencyId != agencyId)
        {
            if (parent.Status != DomainStatus.Active)
            {
                throw new GoChatException(ErrorCodes.Conflict, $"'{parent.Domain}', which contains '{domain}', is itself still pending: ask again once it is decided.");
            }
            consent = parent.AgencyId;
        }
        var status = consent is not null ? DomainStatus.PendingConsent
            : byPlatformAdmin ? DomainStatus.Active
            : DomainStatus.PendingApproval;
        return new DomainPlacement(status, consent, byPlatformAdmin);
    }

    private static GoChatException NotAllowed(string message) => new(ErrorCodes.DomainNotAllowed, message);

    // Labels of letters, digits and inner hyphens; a top-level label of letters (xn-- for IDN is a lower label). "my" passes
    // here and is refused by RequireAllowed, so a bare TLD gets DOMAIN_NOT_ALLOWED rather than INVALID_ARGUMENT.
    [GeneratedRegex(@"^(?=.{2,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
