namespace GoChat.Web.Tests;

/// <summary>
/// Issue 14 defect 7: what the web client keeps for offline use (docs/web-client.md). The outbox and the chats survive
/// a reload without network, sealed under the device session's key, and are gone when the person signs out, the
/// device is revoked, or someone else signs in at the same browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Message_queued_offline_survives_a_reload_and_is_delivered_once_when_the_network_returns(int width, int height)
    {
        await using var staff = await fixture.SignedInStaff("ismail", "jamilah");
        var (ismail, jamilah) = staff;
        await ismail.Page.SetViewportSizeAsync(width, height);
        await ismail.StartChatWith(jamilah.Email, jamilah.DefaultName);
        await ismail.Send("Sebelum terputus");
        await Expect(ismail.Message("Sebelum terputus")).ToHaveCountAsync(1);
        var me = await OfflineStorage.UserId(ismail.Page);
        await OfflineStorage.WaitForServiceWorker(ismail.Page);
        await OfflineStorage.WaitForRecords(ismail.Page, me, "conversations", 1);

        await ismail.Context.SetOfflineAsync(true);
        await Expect(ismail.Page.GetByTestId("connection-banner")).ToContainTextAsync("luar talian");
        const string queued = "Dihantar selepas dimuat semula";
        await ismail.Send(queued);
        await Expect(ismail.Page.GetByTestId("pending-message")).ToHaveCountAsync(1);
        await OfflineStorage.WaitForRecords(ismail.Page, me, "outbox", 1);

        // Opened again with no network: the shell comes from the service worker, the chats from the sealed cache.
        await ismail.Page.GotoAsync("/chats");
        await Expect(ismail.ChatList).ToBeVisibleAsync();
        await Expect(ismail.Conversation(jamilah.DefaultName)).ToBeVisibleAsync();
        await Expect(ismail.Page.GetByText("Tiada perbualan lagi", new() { Exact = false })).ToHaveCountAsync(0);
        await Layout.AssertInsideViewport(ismail.Page, ismail.Conversation(jamilah.DefaultName));
        await ismail.Open(jamilah.DefaultName);
        await Expect(ismail.Message("Sebelum terputus")).ToHaveCountAsync(1);
        await Expect(ismail.Page.GetByTestId("pending-message")).ToHaveCountAsync(1);
        await Expect(ismail.Page.GetByTestId("pending-message")).ToContainTextAsync(queued);
        await Layout.AssertInsideViewport(ismail.Page, ismail.Composer);
        await ismail.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"offline-reload-{width}x{height}") });

        // What lies in IndexedDB is ciphertext: neither text shows in a dump, and the key cannot be exported.
        var dump = await OfflineStorage.Dump(ismail.Page, me);
        var all = string.Join("\n", dump.Values.SelectMany(v => v));
        Assert.Single(dump["outbox"]);
        Assert.NotEmpty(dump["conversations"]);
        Assert.DoesNotContain(queued, all);
        Assert.DoesNotContain("Sebelum terputus", all);
        Assert.DoesNotContain(jamilah.DefaultName, all);
        Assert.Contains("CryptoKey AES-GCM extractable=false", Assert.Single(dump["meta"]));

        await ismail.Context.SetOfflineAsync(false);

        await Expect(jamilah.Conversation(ismail.DefaultName)).ToBeVisibleAsync();
        await jamilah.Open(ismail.DefaultName);
        await Expect(jamilah.Message(queued)).ToHaveCountAsync(1);
        await Expect(ismail.Page.GetByTestId("pending-message")).ToHaveCountAsync(0);
        await Expect(ismail.Message(queued)).ToHaveCountAsync(1);
        await OfflineStorage.WaitForRecords(ismail.Page, me, "outbox", 0);
        Assert.Empty((await OfflineStorage.Dump(ismail.Page, me))["outbox"]);

        // Once: another reload resends nothing, and the receiver's history holds it a single time, in order.
        await ismail.Page.ReloadAsync();
        await Expect(ismail.Page.GetByTestId("connection-banner")).ToHaveCountAsync(0);
        await Expect(ismail.Message(queued)).ToHaveCountAsync(1);
        await jamilah.Page.ReloadAsync();
        await jamilah.Open(ismail.DefaultName);
        await Expect(jamilah.Messages).ToHaveCountAsync(2);
        Assert.Equal(["Sebelum terputus", queued], await jamilah.Page.GetByTestId("chat-view").GetByTestId("message-text").AllTextContentsAsync());
    }

    [Fact]
    public async Task Sign_out_wipes_the_store_and_the_next_user_at_that_browser_neither_sees_nor_sends_the_queued_message()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var ahmad = await fixture.OpenBrowser(BrowserFixture.StaffEmail("ahmad", domain));
        await using var bakar = await fixture.OpenBrowser(BrowserFixture.StaffEmail("bakar", domain));
        await ahmad.SignIn();
        await bakar.SignIn();
        await ahmad.StartChatWith(bakar.Email, bakar.DefaultName);
        await ahmad.Send("Pertama");
        await bakar.Open(ahmad.DefaultName);
        await Expect(bakar.Message("Pertama")).ToBeVisibleAsync();
        var ahmadId = await OfflineStorage.UserId(ahmad.Page);
        await OfflineStorage.WaitForRecords(ahmad.Page, ahmadId, "conversations", 1);

        await ahmad.Context.SetOfflineAsync(true);
        await ahmad.Send("Rahsia tertunggak");
        await OfflineStorage.WaitForRecords(ahmad.Page, ahmadId, "outbox", 1);
        await ahmad.Page.GetByRole(AriaRole.Link, new() { Name = "Peranti saya" }).ClickAsync();
        await ahmad.Page.GetByTestId("sign-out").ClickAsync();
        await Expect(ahmad.Page.GetByLabel("E-mel rasmi")).ToBeVisibleAsync();
        await OfflineStorage.WaitForNone(ahmad.Page);
        await ahmad.Context.SetOfflineAsync(false);

        // Chong takes the same browser (a shared office PC).
        var chong = new Person(fixture, BrowserFixture.StaffEmail("chong", domain), ahmad.Context, ahmad.Page);
        await chong.SignIn();
        await Expect(chong.Page.GetByText("Tiada perbualan lagi", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(chong.Page.GetByTestId("connection-banner")).ToHaveCountAsync(0);
        Assert.Equal(["gochat-offline-" + await OfflineStorage.UserId(chong.Page)], await OfflineStorage.Databases(chong.Page));
        // Connected and caught up, so anything queued would have gone out already; a message of Chong's marks the point.
        await chong.StartChatWith(bakar.Email, bakar.DefaultName);
        await chong.Send("Salam dari Chong");
        await Expect(bakar.Conversation(chong.DefaultName)).ToBeVisibleAsync();
        await bakar.Open(chong.DefaultName);
        await Expect(bakar.Message("Salam dari Chong")).ToHaveCountAsync(1);
        await Expect(bakar.Messages).ToHaveCountAsync(1);
        await bakar.Open(ahmad.DefaultName);
        await Expect(bakar.Messages).ToHaveCountAsync(1);
        await Expect(bakar.Page.GetByText("Rahsia tertunggak")).ToHaveCountAsync(0);
        await Expect(chong.Page.GetByText("Rahsia tertunggak")).ToHaveCountAsync(0);
        await Expect(chong.Conversation(ahmad.DefaultName)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Revoking_the_device_from_another_session_wipes_the_store_of_that_browser()
    {
        var (_, domain) = await fixture.CreateAgency();
        var email = BrowserFixture.StaffEmail("daud", domain);
        await using var office = await fixture.OpenBrowser(email);
        await using var peer = await fixture.OpenBrowser(BrowserFixture.StaffEmail("esah", domain));
        await office.SignIn();
        await peer.SignIn();
        await office.StartChatWith(peer.Email, peer.DefaultName);
        await office.Send("Dari komputer pejabat");
        var daud = await OfflineStorage.UserId(office.Page);
        await OfflineStorage.WaitForRecords(office.Page, daud, "conversations", 1);

        await using var phone = await fixture.OpenBrowser(email, 390, 844);
        await phone.SignIn();
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Peranti saya" }).ClickAsync();
        var other = phone.Page.GetByTestId("device").Filter(new() { HasNotText = "Peranti ini" });
        await other.GetByRole(AriaRole.Button, new() { Name = "Log keluar" }).ClickAsync();
        await Expect(phone.Page.GetByTestId("device")).ToHaveCountAsync(1);

        await Expect(office.Page.GetByLabel("E-mel rasmi")).ToBeVisibleAsync();
        await OfflineStorage.WaitForNone(office.Page);
        await Expect(office.Page.GetByText("Dari komputer pejabat")).ToHaveCountAsync(0);
    }
}
