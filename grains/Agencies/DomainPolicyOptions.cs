using System.ComponentModel.DataAnnotations;

namespace GoChat.Grains.Agencies;

/// <summary>
/// Section "Identity:Domains": email domains no agency may own. Entries given in configuration are added to the
/// defaults (the configuration binder appends to arrays), so a deployment can refuse more but never forgets these.
/// </summary>
public sealed class DomainPolicyOptions : IValidatableObject
{
    public const string Section = "Identity:Domains";

    /// <summary>
    /// Public webmail and ISP mail: anyone can get an address there, so owning it would enrol strangers as staff.
    /// Refused together with every domain below them (they belong to the provider).
    /// </summary>
    public string[] RefusedMailDomains { get; set; } =
    [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.com.my", "ymail.com", "rocketmail.com", "hotmail.com",
        "hotmail.my", "outlook.com", "outlook.my", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "proton.me",
        "protonmail.com", "gmx.com", "mail.com", "yandex.com", "zoho.com", "tm.net.my", "streamyx.com",
    ];

    /// <summary>
    /// Shared suffixes under which many unrelated organisations register: refused themselves, while the domains below
    /// them are what agencies own (jpm.gov.my). Every top-level domain (a single label: my, com) is refused by rule.
    /// </summary>
    public string[] PublicSuffixes { get; set; } =
    [
        "gov.my", "com.my", "net.my", "org.my", "edu.my", "mil.my", "name.my", "biz.my", "co.my",
        "co.uk", "gov.uk", "com.sg", "gov.sg", "com.au", "co.id", "go.id",
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, list) in new[] { (nameof(RefusedMailDomains), RefusedMailDomains), (nameof(PublicSuffixes), PublicSuffixes) })
        {
            foreach (var entry in list ?? [])
            {
                if (!DomainPolicy.IsDomainName(entry))
                {
                    yield return new ValidationResult($"{Section}:{name} holds '{entry}', which is not a lower-case domain name.", [name]);
                }
            }
        }
    }
}
