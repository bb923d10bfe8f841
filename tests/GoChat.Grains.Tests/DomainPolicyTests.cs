using GoChat.Grains;
using GoChat.Grains.Agencies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Tests;

/// <summary>The domain rules on their own: what an agency may own, given what is stored.</summary>
public sealed class DomainPolicyTests
{
    private static readonly Guid Us = Guid.NewGuid();
    private static readonly Guid Them = Guid.NewGuid();
    private readonly DomainPolicy _policy = new(Options.Create(new DomainPolicyOptions()));

    [Theory]
    [InlineData("gmail.com")]
    [InlineData("yahoo.com.my")]
    [InlineData("hotmail.my")]
    [InlineData("streamyx.com")]
    [InlineData("pejabat.gmail.com")]
    [InlineData("gov.my")]
    [InlineData("com.my")]
    [InlineData("my")]
    [InlineData("com")]
    public void Public_mail_domains_suffixes_and_top_level_domains_are_refused(string domain)
    {
        var error = Assert.Throws<GoChatException>(() => _policy.Place(domain, Us, byPlatformAdmin: true, []));
        Assert.Equal(ErrorCodes.DomainNotAllowed, error.Code);
    }

    [Theory]
    [InlineData("jpm.gov.my")]
    [InlineData("syarikat.com.my")]
    [InlineData("gmail.com.example.my")]
    public void A_domain_below_a_public_suffix_is_allowed(string domain) =>
        Assert.Equal(DomainStatus.PendingApproval, _policy.Place(domain, Us, byPlatformAdmin: false, []).Status);

    [Theory]
    [InlineData(" @JPM.Gov.My ", "jpm.gov.my")]
    [InlineData("xn--bcher-kva.my", "xn--bcher-kva.my")]
    public void Domains_are_normalized(string given, string expected) => Assert.Equal(expected, DomainPolicy.Normalize(given));

    [Theory]
    [InlineData("")]
    [InlineData("jpm..gov.my")]
    [InlineData("-jpm.gov.my")]
    [InlineData("jpm.gov.my.")]
    [InlineData("jpm.gov.1")]
    [InlineData("jpm_x.gov.my")]
    [InlineData("jpm.gov.my/x")]
    [InlineData("jabatan\u0000.gov.my")]
    public void Malformed_domains_are_invalid(string given) =>
        Assert.Equal(ErrorCodes.InvalidDomain, Assert.Throws<GoChatException>(() => DomainPolicy.Normalize(given)).Code);

    [Fact]
    public void A_domain_above_another_agencys_is_refused_and_above_our_own_is_not()
    {
        var theirs = new[] { Stored("dept.ministry.gov.my", Them) };
        Assert.Equal(ErrorCodes.DomainNotAllowed, Assert.Throws<GoChatException>(() => _policy.Place("ministry.gov.my", Us, true, theirs)).Code);
        // Pending counts too: approving it later would otherwise put it inside ours without our consent.
        var pending = new[] { Stored("dept.ministry.gov.my", Them, DomainStatus.PendingApproval) };
        Assert.Equal(ErrorCodes.DomainNotAllowed, Assert.Throws<GoChatException>(() => _policy.Place("ministry.gov.my", Us, true, pending)).Code);
        Assert.Equal(DomainStatus.PendingApproval, _policy.Place("ministry.gov.my", Us, false, [Stored("dept.ministry.gov.my", Us)]).Status);
    }

    [Fact]
    public void A_domain_inside_another_agencys_needs_its_consent_even_from_a_platform_admin()
    {
        var placed = _policy.Place("x.b.gov.my", Us, byPlatformAdmin: true, [Stored("b.gov.my", Them)]);
        Assert.Equal(new DomainPlacement(DomainStatus.PendingConsent, Them, Approved: true), placed);
        Assert.Equal(new DomainPlacement(DomainStatus.PendingConsent, Them, false), _policy.Place("x.b.gov.my", Us, false, [Stored("b.gov.my", Them)]));
    }

    [Fact]
    public void The_closest_domain_above_decides_whose_consent_is_needed()
    {
        var stored = new[] { Stored("ministry.gov.my", Them), Stored("dept.ministry.gov.my", Us) };
        Assert.Equal(new DomainPlacement(DomainStatus.Active, null, true), _policy.Place("unit.dept.ministry.gov.my", Us, true, stored));
        var theirsCloser = new[] { Stored("ministry.gov.my", Us), Stored("dept.ministry.gov.my", Them) };
        Assert.Equal(Them, _policy.Place("unit.dept.ministry.gov.my", Us, false, theirsCloser).ConsentAgencyId);
    }

    [Fact]
    public void Inside_another_agencys_pending_domain_or_the_same_domain_is_a_conflict()
    {
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<GoChatException>(() => _policy.Place("x.b.gov.my", Us, true, [Stored("b.gov.my", Them, DomainStatus.PendingApproval)])).Code);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<GoChatException>(() => _policy.Place("b.gov.my", Us, true, [Stored("b.gov.my", Them)])).Code);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<GoChatException>(() => _policy.Place("b.gov.my", Us, true, [Stored("b.gov.my", Us, DomainStatus.PendingApproval)])).Code);
    }

    [Fact]
    public void Below_is_about_whole_labels()
    {
        Assert.True(DomainPolicy.IsBelow("x.b.gov.my", "b.gov.my"));
        Assert.False(DomainPolicy.IsBelow("xb.gov.my", "b.gov.my"));
        Assert.False(DomainPolicy.IsBelow("b.gov.my", "b.gov.my"));
        // A neighbour whose name ends like ours is no relative: it needs nobody's consent.
        Assert.Equal(DomainStatus.Active, _policy.Place("ab.gov.my", Us, true, [Stored("b.gov.my", Them)]).Status);
    }

    [Fact]
    public void Configured_domains_add_to_the_defaults_and_malformed_ones_stop_the_start()
    {
        var extended = Build(new() { ["Identity:Domains:RefusedMailDomains:0"] = "mail.example.my" }).GetRequiredService<IOptions<DomainPolicyOptions>>().Value;
        Assert.Contains("mail.example.my", extended.RefusedMailDomains);
        Assert.Contains("gmail.com", extended.RefusedMailDomains);
        Assert.Contains("gov.my", extended.PublicSuffixes);

        var broken = Build(new() { ["Identity:Domains:PublicSuffixes:0"] = "Not A Domain" });
        Assert.Throws<OptionsValidationException>(() => broken.GetRequiredService<IOptions<DomainPolicyOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddGoChatGrainServices();
        return services.BuildServiceProvider();
    }

    private static AgencyDomain Stored(string domain, Guid agency, DomainStatus status = DomainStatus.Active) =>
        new(domain, agency, "agency", status, null, null, status == DomainStatus.Active, null, DateTimeOffset.UnixEpoch);
}
