using System.Net;
using System.Net.Http.Json;
using GoChat.Broadcasts.Text;
using GoChat.Gateway.Broadcasts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests.Broadcasts;

[Collection(BroadcastCollection.Name)]
public sealed class BroadcastDeliveryTests(BroadcastFixture fixture)
{
    internal const string Notice = "Semua pegawai diminta hadir ke taklimat keselamatan pada hari Isnin, jam 9 pagi, di Bilik Gerakan. Kehadiran adalah wajib.";

    internal static object Broadcast(Guid channel, string text, string level, params string[] tags) =>
        new { channelId = channel.ToString(), clientMessageId = Guid.NewGuid().ToString("N"), text, level, tags };

    [Fact]
    public async Task A_broadcast_to_ten_thousand_subscribers_is_stored_once_and_reaches_each_online_connection_once_marked_for_its_reader()
    {
        await fixture.BulkStaff(10_000);
        var admin = await fixture.Admin();
        var channel = await fixture.CreateChannel(admin, mandatory: true, "Hebahan Seluruh Jabatan");
        var online = new List<ChatClient>();
        for (var i = 0; i < 12; i++) online.Add(await fixture.OnlineStaff($"staf{i}"));
        var second = await fixture.OnlineStaff("dua-peranti");
        var secondDevice = new ChatClient(fixture.Stack.GatewayUri, second.Session);
        await secondDevice.StartAsync();
        await secondDevice.SyncAsync();
        online.Add(second);
        await using var poster = new ChatClient(fixture.Stack.GatewayUri, admin.AsSession());
        await poster.StartAsync();

        var ack = await poster.Connection.InvokeAsync<SendAck>("PostBroadcast", Broadcast(channel.Id, Notice, "SULIT", "keselamatan"));

        var everyone = online.Append(secondDevice).ToList();
        foreach (var c in everyone) await c.WaitUntil(x => x.Messages.Any(m => m.ConversationId == channel.Id && m.Seq == ack.Seq), "the broadcast");
        Assert.Equal(1, await fixture.CountMessages("conversation_id = @c AND kind = 0", ("c", channel.Id)));
        // Every active staff member of the agency subscribes (the 10,000 among them), the ones who signed up after too.
        var staff = await fixture.Scalar<long>("SELECT count(*) FROM gochat_users WHERE agency_id = @a AND status = 1 AND NOT is_external", ("a", fixture.AgencyId));
        Assert.True(staff > 10_000 + online.Count);
        Assert.Equal(staff, await fixture.Scalar<long>("SELECT count(*) FROM gochat_cursors WHERE conversation_id = @c", ("c", channel.Id)));
        var copies = everyone.Select(c => c.Messages.Where(m => m.ConversationId == channel.Id && m.Seq == ack.Seq).ToList()).ToList();
        Assert.All(copies, c => Assert.Single(c));
        var texts = online.Select(c => c.Messages.Single(m => m.Seq == ack.Seq && m.ConversationId == channel.Id)).ToList();
        // Each reader's copy differs, reads as the admin wrote it, and carries that reader's code; one reader's two devices get the same copy.
        Assert.Equal(online.Count, texts.Select(m => m.Text).Distinct().Count());
        Assert.All(texts, m => Assert.Equal(Notice, TextWatermark.Strip(m.Text!)));
        Assert.All(texts, m => Assert.Equal("SULIT", m.Broadcast!.Level));
        Assert.Equal(online.Count, texts.Select(m => m.Broadcast!.DeliveryCode).Distinct().Count());
        Assert.Equal(texts[^1].Text, copies[^1].Single().Text);
    }

    [Fact]
    public async Task A_new_mandatory_channel_appears_at_once_for_staff_online_and_its_first_broadcast_reaches_them_without_a_new_sync()
    {
        var admin = await fixture.Admin();
        await using var online = await fixture.OnlineStaff("sedia");
        var (other, domain) = await fixture.CreateAgency(AgencyCategory.StateAgency);
        await using var outsider = new ChatClient(fixture.Stack.GatewayUri, (await fixture.Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain))).AsSession());
        await outsider.StartAsync();
        await outsider.SyncAsync();

        var channel = await fixture.CreateChannel(admin, mandatory: true, "Baru Dibuka");
        await online.WaitUntil(x => x.ConversationsAdded.Contains(channel.Id), "the new channel in the list");
        await using var poster = new ChatClient(fixture.Stack.GatewayUri, admin.AsSession());
        await poster.StartAsync();
        var ack = await poster.Connection.InvokeAsync<SendAck>("PostBroadcast", Broadcast(channel.Id, Notice, "TERBUKA"));

        await online.WaitUntil(x => x.Messages.Any(m => m.ConversationId == channel.Id && m.Seq == ack.Seq), "the first broadcast");
        Assert.Single(online.ConversationsAdded, channel.Id);
        // Staff of another agency are not in its audience: the gateway tells them nothing.
        await outsider.SyncAsync();
        Assert.DoesNotContain(channel.Id, outsider.ConversationsAdded);
        Assert.DoesNotContain(outsider.Messages, m => m.ConversationId == channel.Id);
    }

    [Fact]
    public async Task Each_marked_copy_traces_to_its_recipient_and_a_combined_copy_to_one_of_them_or_nobody()
    {
        var admin = await fixture.Admin();
        var channel = await fixture.CreateChannel(admin, mandatory: true, "Arahan Terhad");
        await using var a = await fixture.OnlineStaff("aina");
        await using var b = await fixture.OnlineStaff("badrul");
        await using var c = await fixture.OnlineStaff("chong");
        await using var poster = new ChatClient(fixture.Stack.GatewayUri, admin.AsSession());
        await poster.StartAsync();
        var ack = await poster.Connection.InvokeAsync<SendAck>("PostBroadcast", Broadcast(channel.Id, Notice, "TERHAD"));
        foreach (var x in new[] { a, b, c }) await x.WaitUntil(y => y.Messages.Any(m => m.ConversationId == channel.Id && m.Seq == ack.Seq), "the broadcast");
        string CopyOf(ChatClient x) => x.Messages.Single(m => m.ConversationId == channel.Id && m.Seq == ack.Seq).Text!;
        using var http = fixture.Stack.HttpFor(admin.AccessToken);

        foreach (var x in new[] { a, b, c })
        {
            var trace = await Trace(http, new { agencyId = fixture.AgencyId, text = CopyOf(x) });
            Assert.True(trace.Found);
            Assert.Equal(x.UserId, Assert.Single(trace.Recipients).UserId);
            Assert.Equal(ack.Seq, trace.Broadcast!.Seq);
            Assert.True(trace.FalseMatchBound < 1e-9);
        }
        // The overlay's code, read off a screenshot, names the same person.
        var code = b.Messages.Single(m => m.ConversationId == channel.Id && m.Seq == ack.Seq).Broadcast!.DeliveryCode!;
        Assert.Equal(b.UserId, (await Trace(http, new { agencyId = fixture.AgencyId, code = code.ToLowerInvariant() })).Recipients.Single().UserId);

        var (textA, textB) = (CopyOf(a), CopyOf(b));
        var combined = textA[..(textA.Length / 2)] + textB[(textB.Length / 2)..];
        var mixed = await Trace(http, new { agencyId = fixture.AgencyId, text = combined });
        Assert.All(mixed.Recipients, r => Assert.Contains(r.UserId, new[] { a.UserId, b.UserId }));
        var plain = await Trace(http, new { agencyId = fixture.AgencyId, text = Notice });
        Assert.False(plain.Found);
        Assert.Empty(plain.Recipients);
        Assert.True(await fixture.Scalar<long>("SELECT count(*) FROM gochat_audit_log WHERE action = 'broadcast.leak_traced' AND agency_id = @a", ("a", fixture.AgencyId)) >= 6);
    }

    [Fact]
    public async Task Only_the_owning_agencys_admins_may_trace()
    {
        var (other, domain) = await fixture.CreateAgency(AgencyCategory.StatutoryBody);
        var outsider = await fixture.AgencyAdmin(other.Id, domain);
        using var http = fixture.Stack.HttpFor(outsider.AccessToken);

        var response = await http.PostAsJsonAsync("/api/admin/leaks/trace", new { agencyId = fixture.AgencyId, text = Notice });

        await GatewayFixture.AssertProblem(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task A_subscribers_post_is_refused_and_stored_nowhere()
    {
        var admin = await fixture.Admin();
        var channel = await fixture.CreateChannel(admin, mandatory: false, "Pilihan");
        await using var reader = await fixture.OnlineStaff("pembaca");
        await reader.Connection.InvokeAsync<ChannelInfo>("JoinChannel", channel.Id.ToString());

        var viaSend = await Assert.ThrowsAsync<HubException>(() => reader.SendAsync(channel.Id, "Balasan saya"));
        var viaPost = await Assert.ThrowsAsync<HubException>(() => reader.Connection.InvokeAsync<SendAck>("PostBroadcast", Broadcast(channel.Id, "Hebahan palsu", "TERBUKA")));

        Assert.Contains(ErrorCodes.ChannelReadOnly, viaSend.Message);
        Assert.Contains(ErrorCodes.ChannelReadOnly, viaPost.Message);
        Assert.Equal(0, await fixture.CountMessages("conversation_id = @c AND kind = 0", ("c", channel.Id)));
    }

    [Fact]
    public async Task Forwarding_a_TERHAD_broadcast_outside_the_audience_is_refused_and_copies_are_audited()
    {
        var admin = await fixture.Admin();
        var channel = await fixture.CreateChannel(admin, mandatory: true, "Terhad Sahaja");
        await using var reader = await fixture.OnlineStaff("penerus");
        await using var colleague = await fixture.OnlineStaff("rakan");
        var (other, domain) = await fixture.CreateAgency(AgencyCategory.StateAgency);
        var outsiderSignIn = await fixture.Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        await using var poster = new ChatClient(fixture.Stack.GatewayUri, admin.AsSession());
        await poster.StartAsync();
        var ack = await poster.Connection.InvokeAsync<SendAck>("PostBroadcast", Broadcast(channel.Id, Notice, "TERHAD"));
        var inside = await reader.CreateDirectAsync(colleague.UserId);
        var outside = await reader.CreateDirectAsync(outsiderSignIn.UserId);
        var before = await fixture.CountMessages("conversation_id = @c", ("c", outside.Id));

        var refused = await Assert.ThrowsAsync<HubException>(() => reader.Connection.InvokeAsync<IReadOnlyList<SendAck>>(
            "ForwardMessage", channel.Id.ToString(), ack.Seq, new[] { inside.Id.ToString(), outside.Id.ToString() }, "fwd-1"));
        var forwarded = await reader.Connection.InvokeAsync<IReadOnlyList<SendAck>>("ForwardMessage", channel.Id.ToString(), ack.Seq, new[] { inside.Id.ToString() }, "fwd-2");
        await reader.Connection.InvokeAsync("RecordBroadcastCopy", channel.Id.ToString(), ack.Seq);

        Assert.Contains(ErrorCodes.OutsideAudience, refused.Message);
        Assert.Equal(before, await fixture.CountMessages("conversation_id = @c", ("c", outside.Id)));
        Assert.Equal(0, await fixture.CountMessages("conversation_id = @c AND forwarded", ("c", outside.Id)));
        // The forward inside the audience carries the seal, and its new reader's copy carries their own mark.
        await colleague.WaitUntil(x => x.Messages.Any(m => m.ConversationId == inside.Id && m.Seq == forwarded[0].Seq), "the forward");
        var copy = colleague.Messages.Single(m => m.ConversationId == inside.Id && m.Seq == forwarded[0].Seq);
        Assert.Equal("TERHAD", copy.Broadcast!.Level);
        Assert.NotNull(copy.Broadcast.DeliveryCode);
        Assert.Equal(Notice, TextWatermark.Strip(copy.Text!));
        Assert.Equal(1, await fixture.Scalar<long>("SELECT count(*) FROM gochat_audit_log WHERE action = 'broadcast.copied' AND actor_id = @u", ("u", reader.UserId)));
        Assert.Equal(1, await fixture.Scalar<long>("SELECT count(*) FROM gochat_audit_log WHERE action = 'broadcast.forwarded' AND actor_id = @u", ("u", reader.UserId)));
    }

    private static async Task<LeakTrace> Trace(HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/api/admin/leaks/trace", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<LeakTrace>())!;
    }
}
