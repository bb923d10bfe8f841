using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GoChat.Broadcasts.Signing;

namespace GoChat.Web.Tests;

/// <summary>Official broadcast channels (issue 16) in the browser: the directory, classified broadcasts, their checks and statistics.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChannelTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_colleague_reads_a_SULIT_broadcast_of_a_mandatory_channel_with_its_banner_tags_badge_and_watermark_but_no_composer()
    {
        var (_, domain) = await fixture.CreateAgency("Agensi Pengurusan Bencana Negara");
        // In the audience before the channel exists: a mandatory channel enrols them when it is created.
        await using var aminah = await fixture.OpenBrowser(BrowserFixture.StaffEmail("aminah", domain));
        await aminah.SignIn();
        await aminah.SetDisplayName("Aminah Yusof");
        await using var admin = await fixture.AgencyAdmin(domain);
        var name = $"Amaran Bencana {Guid.NewGuid():N}"[..22];

        await admin.CreateChannel(name, "Amaran rasmi banjir dan cuaca", mandatory: true);
        await Expect(admin.Page.GetByTestId("subscriber-count")).ToContainTextAsync("pelanggan");
        var composer = admin.Page.GetByTestId("broadcast-composer");
        await composer.GetByLabel("Tahap klasifikasi", new() { Exact = true }).SelectOptionAsync("SULIT");
        await Expect(composer.GetByTestId("broadcast-preview").GetByTestId("classification-banner")).ToHaveTextAsync("SULIT");
        await Expect(composer.GetByTestId("watermark-note")).ToHaveTextAsync("Setiap salinan penerima ditanda air dengan nama dan kod penghantarannya.");
        await admin.PostBroadcast("SULIT", "banjir, #selangor", "Jalan Tun Razak ditutup mulai 14:00. Elakkan kawasan ini.");

        // Before she reads it: she is among those who have not.
        var aminahId = await fixture.UserIdOf(aminah.Email);
        var posted = admin.Broadcast("Jalan Tun Razak ditutup");
        await posted.HoverAsync();
        await posted.GetByTestId("stats-button").ClickAsync();
        var stats = posted.GetByTestId("broadcast-stats");
        await Expect(stats.Locator($"[data-user-id='{aminahId}']")).ToHaveTextAsync("Aminah Yusof");
        var readBefore = int.Parse((await stats.GetByTestId("stats-read").GetAttributeAsync("data-count"))!);

        // Enrolment of a mandatory channel's audience is one bulk insert that tells no online device: she sees it at her next Sync.
        await aminah.Page.ReloadAsync();
        var row = aminah.Conversation(name);
        await Expect(row.GetByTestId("channel-label")).ToHaveTextAsync("Saluran");
        await Expect(row.GetByTestId("channel-icon")).ToBeVisibleAsync();
        await aminah.Open(name);
        var broadcast = aminah.Broadcast("Jalan Tun Razak ditutup");
        await Expect(broadcast.GetByTestId("classification-banner")).ToHaveTextAsync("SULIT");
        await Expect(broadcast.GetByTestId("classification-banner")).ToHaveCSSAsync("background-color", "rgb(179, 38, 30)");
        await Expect(broadcast.GetByTestId("broadcast-tag")).ToHaveTextAsync(["#banjir", "#selangor"]);
        await Expect(broadcast.GetByTestId("classification-footer")).ToHaveTextAsync("SULIT");
        // The test stack configures no signing keys and the client ships no root: nothing here can be verified.
        await Expect(broadcast.GetByTestId("verification")).ToHaveTextAsync("Tidak dapat disahkan");
        var watermark = broadcast.GetByTestId("watermark");
        await Expect(watermark).ToHaveAttributeAsync("data-text", new Regex(@"^Aminah Yusof · [A-Z0-9]{20}$"));
        await Expect(watermark).ToHaveCSSAsync("pointer-events", "none");
        var code = (await watermark.GetAttributeAsync("data-text"))!.Split(" · ")[1];
        Assert.Contains(Uri.EscapeDataString(code), await watermark.EvaluateAsync<string>("el => getComputedStyle(el).backgroundImage"));
        // Her copy is shown as delivered: its per-recipient mark is in the text, invisible.
        Assert.True(await broadcast.GetByTestId("message-text").EvaluateAsync<bool>("el => /[\\u2060-\\u2064]/.test(el.textContent)"),
            "The marked copy lost its invisible mark on the way to the screen.");
        await Expect(aminah.Page.GetByTestId("read-only-note")).ToHaveTextAsync("Hanya pentadbir saluran boleh menghantar");
        await Expect(aminah.Composer).ToHaveCountAsync(0);
        await Expect(aminah.Page.GetByTestId("broadcast-composer")).ToHaveCountAsync(0);

        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await aminah.Page.SetViewportSizeAsync(width, height);
            await Expect(broadcast.GetByTestId("watermark")).ToBeVisibleAsync();
            await aminah.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"channel-sulit-{width}x{height}") });
        }
        await aminah.Page.SetViewportSizeAsync(1280, 800);

        // Reading it shows in the admin's statistics, which ask again while open.
        await Expect(stats.GetByTestId("stats-read")).Not.ToHaveAttributeAsync("data-count", readBefore.ToString());
        Assert.Equal(readBefore + 1, int.Parse((await stats.GetByTestId("stats-read").GetAttributeAsync("data-count"))!));
        await Expect(stats.Locator($"[data-user-id='{aminahId}']")).ToHaveCountAsync(0);

        // Mandatory: the directory says so and offers no way out.
        var listing = await aminah.FindChannel(name);
        await Expect(listing.GetByTestId("mandatory")).ToHaveTextAsync("Wajib");
        await Expect(listing.GetByRole(AriaRole.Button, new() { Name = $"Berhenti langgan {name}" })).ToHaveCountAsync(0);
        await Expect(listing.GetByRole(AriaRole.Button, new() { Name = "Buka" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_colleague_finds_an_optional_channel_in_the_directory_subscribes_and_unsubscribes()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var admin = await fixture.AgencyAdmin(domain);
        await using var bakar = await fixture.OpenBrowser(BrowserFixture.StaffEmail("bakar", domain));
        await bakar.SignIn();
        var name = $"Berita Jabatan {Guid.NewGuid():N}"[..22];
        await admin.CreateChannel(name, "Makluman am", mandatory: false);
        await admin.PostBroadcast("TERBUKA", "makluman", "Mesyuarat agung pada hari Jumaat.");

        var row = await bakar.FindChannel(name);
        await Expect(row.GetByTestId("mandatory")).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Langgan {name}" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Berhenti langgan {name}" })).ToBeVisibleAsync();
        await Expect(bakar.Conversation(name).GetByTestId("channel-label")).ToHaveTextAsync("Saluran");

        await row.GetByRole(AriaRole.Button, new() { Name = "Buka" }).ClickAsync();
        var broadcast = bakar.Broadcast("Mesyuarat agung");
        await Expect(broadcast.GetByTestId("classification-banner")).ToHaveTextAsync("TERBUKA");
        await Expect(broadcast.GetByTestId("classification-banner")).ToHaveCSSAsync("background-color", "rgb(30, 123, 52)");
        await Expect(broadcast.GetByTestId("watermark")).ToHaveCountAsync(0);
        await Expect(bakar.Page.GetByTestId("read-only-note")).ToBeVisibleAsync();

        row = await bakar.FindChannel(name);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Berhenti langgan {name}" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Langgan {name}" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_browser_rebuilds_the_worked_example_byte_for_byte_and_checks_its_signature()
    {
        await using var someone = await fixture.OpenBrowser("semak@contoh.gov.my");
        await someone.Page.GotoAsync("/");
        var result = await someone.Page.EvaluateAsync<Dictionary<string, string>>("""
            async () => {
              const v = await VERIFY_MODULE;
              const p = { broadcastId: "0F8E4C2A-6B1D-4E5F-9A3C-7D2B1E0F4A59", channelId: "3c9a7e21-5d4b-4f8a-b6e2-1a0c9d8e7f65", agencyId: "nadma",
                level: "TERBUKA", tags: ["banjir", "selangor"], postedAtMs: Date.parse("2026-03-01T08:00:00Z"),
                text: "AMARAN BANJIR\nJalan Tun Razak ditutup mulai 14:00. Elakkan kawasan ini.",
                attachmentSha256: ["E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"] };
              const bytes = v.signedBytes(p);
              const forwarded = v.signedBytes({ ...p, text: "\u200BAMARAN\u00A0BANJIR\r\n\r\nJalan Tun Razak ditutup mulai \uFF11\uFF14:00. Elakkan kawasan\u2062 ini. " });
              const sig = v.fromBase64Url("0i0pe8sPdk_poJZDNh2gaPyl9Inw3IgGPrDcwGesZ-pBReeUo-ylEHjZ9QNNCle6K3qFXDgORuGj4a_ZrI1Jfw");
              const raw = await v.importPublicKey(v.fromBase64Url("BH4CslaYdJB26MLAnTMBcojN_RSHICo4UnmxEPC9U_MWqD804oMh8B2dQ15l7_EHgEfW4AZATpsGABXRWmUQeh8"));
              const spki = await v.importPublicKey(v.fromBase64Url("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfgKyVph0kHbowsCdMwFyiM39FIcgKjhSebEQ8L1T8xaoPzTigyHwHZ1DXmXv8QeAR9bgBkBOmwYAFdFaZRB6Hw"));
              const changed = v.signedBytes({ ...p, text: p.text.replace("14:00", "15:00") });
              return {
                canonical: v.canonicalText(p.text), hex: v.toHex(bytes), length: String(bytes.length),
                sha256: v.toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))),
                forwarded: String(v.toHex(forwarded) === v.toHex(bytes)),
                raw: String(await v.verifySignature(raw, sig, bytes)), spki: String(await v.verifySignature(spki, sig, bytes)),
                changed: String(await v.verifySignature(raw, sig, changed)),
                unixMs: String(v.unixMs("2026-03-01T08:00:00.1239999+00:00")),
              };
            }
            """.Replace("VERIFY_MODULE", VerifyModule));
        Assert.Equal("AMARAN BANJIR Jalan Tun Razak ditutup mulai 14:00. Elakkan kawasan ini.", result["canonical"]);
        Assert.Equal("310", result["length"]);
        Assert.Equal(WorkedExampleHex, result["hex"]);
        Assert.Equal("d66a067b5af54caf0aad3680f6d4fb1f105f3281af7a40c6095de1b767cb4626", result["sha256"]);
        Assert.Equal("true", result["forwarded"]);
        Assert.Equal("true", result["raw"]);
        Assert.Equal("true", result["spki"]);
        Assert.Equal("false", result["changed"]);
        Assert.Equal("1772352000123", result["unixMs"]);
    }

    [Fact]
    public async Task A_broadcast_signed_by_a_certified_agency_key_verifies_in_the_browser_and_any_change_shows_it_forged()
    {
        using var root = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherRoot = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var agencyKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var agencyId = Guid.NewGuid().ToString("D");
        var channelId = Guid.NewGuid();
        var postedAt = DateTimeOffset.FromUnixTimeMilliseconds(1772352000123);
        var certificate = AgencyKeyCertificate.Issue("agensi-2026", agencyId, agencyKey, postedAt.AddDays(-1), postedAt.AddDays(365), "root-test", root);
        var forgedCertificate = AgencyKeyCertificate.Issue("agensi-2026", agencyId, agencyKey, postedAt.AddDays(-1), postedAt.AddDays(365), "root-test", otherRoot);
        const string text = "Jalan Tun Razak ditutup mulai 14:00.";
        var payload = new BroadcastPayload(Guid.NewGuid(), channelId, agencyId, "SULIT", ["banjir"], postedAt, text, []);
        var signature = agencyKey.SignData(payload.ToSignedBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var message = new
        {
            conversationId = channelId, seq = 2, sentAt = "2026-03-01T08:00:00.1234567+00:00",
            // The recipient's copy: the same text with an invisible per-recipient mark in it.
            text = "Jalan Tun\u2061 Razak ditutup mulai\u2063 14:00.",
            broadcast = new
            {
                broadcastId = payload.BroadcastId, agencyId, level = "SULIT", tags = new[] { "banjir" }, keyId = "agensi-2026",
                signature = Base64Url(signature), marked = true, deliveryCode = "ABCDEFGHIJKLMNOPQRST", certificate = certificate.Encode(),
            },
        };
        await using var someone = await fixture.OpenBrowser("semak@contoh.gov.my");
        await someone.Page.GotoAsync("/");
        var statuses = await someone.Page.EvaluateAsync<string[]>("""
            async ([m, roots, other, forgedCertificate]) => {
              const v = await VERIFY_MODULE;
              const check = async (msg, r) => { const x = await v.verifyBroadcast(msg, r); return x.status + ":" + (x.reason ?? x.agencyId); };
              return [
                await check(m, roots),
                await check({ ...m, text: m.text.replace("14:00", "15:00") }, roots),
                await check({ ...m, broadcast: { ...m.broadcast, level: "TERBUKA" } }, roots),
                await check({ ...m, broadcast: { ...m.broadcast, certificate: forgedCertificate } }, roots),
                await check(m, other),
                await check({ ...m, broadcast: { ...m.broadcast, signature: null } }, roots),
                await check(m, {}),
              ];
            }
            """.Replace("VERIFY_MODULE", VerifyModule), new object[] { message, new Dictionary<string, string> { ["root-test"] = RawKey(root) },
                new Dictionary<string, string> { ["root-test"] = RawKey(otherRoot) }, forgedCertificate.Encode() });
        Assert.Equal(new[]
        {
            $"verified:{agencyId}", "forged:signature", "forged:signature", "forged:certificate", "forged:certificate",
            "unverifiable:unsigned", "unverifiable:unknownRoot",
        }, statuses);
    }

    /// <summary>The lazily loaded signature checks (verify-*.js), found through the app's entry script and imported as they ship.</summary>
    private const string VerifyModule = """
        (async () => {
          const html = await (await fetch("/")).text();
          const entry = new URL(/src="([^"]+\.js)"/.exec(html)[1], location.href);
          const chunk = /verify-[A-Za-z0-9_-]+\.js/.exec(await (await fetch(entry)).text())[0];
          return await import(new URL(chunk, entry).href);
        })()
        """;

    private const string WorkedExampleHex =
        "676f636861742d62726f6164636173742d76310a0000002430663865346332612d366231642d346535662d396133632d3764326231653066"
        + "346135390000002433633961376532312d356434622d346638612d623665322d316130633964386537663635000000056e61646d610000"
        + "000754455242554b41000000020000000662616e6a69720000000873656c616e676f720000000d31373732333532303030303030000000"
        + "47414d4152414e2042414e4a4952204a616c616e2054756e2052617a616b2064697475747570206d756c61692031343a30302e20456c61"
        + "6b6b616e206b61776173616e20696e692e000000010000004065336230633434323938666331633134396166626634633839393666623932"
        + "343237616534316534363439623933346361343935393931623738353262383535";

    private static string RawKey(ECDsa key)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return Base64Url([0x04, .. q.X!, .. q.Y!]);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
