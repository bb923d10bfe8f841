using Npgsql;

namespace GoChat.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ChannelGrainTests(ClusterFixture fixture)
{
    private readonly ChannelStaff _staff = new(fixture);

    private IChannelGrain Channel(Guid id) => fixture.Grains.GetGrain<IChannelGrain>(id);

    private async Task<(Guid Agency, Guid Admin, Guid Channel)> NewChannel(bool mandatory, ChannelAudience audience = ChannelAudience.OwnAgency)
    {
        var agency = await _staff.Agency("Jabatan " + Guid.NewGuid().ToString("N")[..6]);
        var admin = await _staff.Account(agency, UserRole.AgencyAdmin);
        var id = ConversationIds.NewChannel();
        await Channel(id).Create(admin, agency, new NewChannel("Pekeliling", "Arahan rasmi", audience, mandatory));
        return (agency, admin, id);
    }

    private static BroadcastRequest Broadcast(string text, string level = "TERBUKA") => new(Guid.NewGuid().ToString("N"), text, level, ["arahan"]);

    [Fact]
    public async Task Only_channel_admins_post_and_a_subscribers_post_is_stored_nowhere()
    {
        var (agency, admin, id) = await NewChannel(mandatory: false);
        var reader = await _staff.Account(agency);
        await Channel(id).Join(reader);

        var refused = await Assert.ThrowsAsync<GoChatException>(() => Channel(id).Post(reader, Broadcast("Balasan dari pelanggan")));
        Assert.Equal(ErrorCodes.ChannelReadOnly, refused.Code);
        var posted = await Channel(id).Post(admin, Broadcast("Mesyuarat ditangguhkan."));

        Assert.False(posted.Duplicate);
        Assert.Equal(0, await Count("SELECT count(*) FROM gochat_messages WHERE conversation_id = @c AND body = 'Balasan dari pelanggan'", id));
        var history = await Channel(id).GetBefore(reader, long.MaxValue, 50);
        var broadcast = Assert.Single(history, m => m.Kind == MessageKind.Text);
        Assert.Equal("Mesyuarat ditangguhkan.", broadcast.Text);
        Assert.Equal("TERBUKA", broadcast.Broadcast!.Level);
        Assert.Equal(["arahan"], broadcast.Broadcast.Tags);
        Assert.Equal(ConversationIds.Broadcast(id, broadcast.Seq), broadcast.Broadcast.BroadcastId);
    }

    [Fact]
    public async Task A_resent_post_is_stored_once()
    {
        var (_, admin, id) = await NewChannel(mandatory: false);
        var request = Broadcast("Sekali sahaja");

        var both = await Task.WhenAll(Channel(id).Post(admin, request), Channel(id).Post(admin, request));
        await fixture.Cluster.DeactivateAsync(Channel(id));
        var again = await Channel(id).Post(admin, request);

        Assert.Equal(both[0].Seq, both[1].Seq);
        Assert.Equal(both[0].Seq, again.Seq);
        Assert.True(again.Duplicate);
        Assert.Equal(1, await Count("SELECT count(*) FROM gochat_messages WHERE conversation_id = @c AND body = 'Sekali sahaja'", id));
    }

    [Fact]
    public async Task Levels_outside_the_configured_list_are_refused_and_protected_levels_are_marked()
    {
        var (_, admin, id) = await NewChannel(mandatory: false);

        foreach (var level in new[] { "RAHSIA", "RAHSIA BESAR", "terhad", "" })
        {
            var refused = await Assert.ThrowsAsync<GoChatException>(() => Channel(id).Post(admin, Broadcast("x", level)));
            Assert.Equal(ErrorCodes.LevelNotAllowed, refused.Code);
        }
        await Channel(id).Post(admin, Broadcast("Umum", "TERBUKA"));
        await Channel(id).Post(admin, Broadcast("Terhad", "TERHAD"));
        await Channel(id).Post(admin, Broadcast("Sulit", "SULIT"));

        var texts = (await Channel(id).GetBefore(admin, long.MaxValue, 50)).Where(m => m.Kind == MessageKind.Text).ToList();
        Assert.Equal(["Umum", "Terhad", "Sulit"], texts.Select(t => t.Text));
        Assert.Equal([false, true, true], texts.Select(t => t.Broadcast!.Marked));
        Assert.All(texts, t => Assert.Matches("^[0-9a-f]{64}$", t.Broadcast!.TextSha256!));
    }

    [Fact]
    public async Task Leaving_a_mandatory_channel_is_refused_and_an_optional_one_can_be_left()
    {
        var (agency, _, mandatory) = await NewChannel(mandatory: true);
        var member = await _staff.Account(agency);
        var (otherAgency, _, optional) = await NewChannel(mandatory: false);
        var reader = await _staff.Account(otherAgency);
        await Channel(optional).Join(reader);

        var refused = await Assert.ThrowsAsync<GoChatException>(() => Channel(mandatory).Leave(member));
        await Channel(optional).Leave(reader);

        Assert.Equal(ErrorCodes.ChannelMandatory, refused.Code);
        Assert.True(await fixture.Grains.GetGrain<IUserConversationsGrain>(member).IsMember(mandatory));
        Assert.False(await fixture.Grains.GetGrain<IUserConversationsGrain>(reader).IsMember(optional));
        var gone = await Assert.ThrowsAsync<GoChatException>(() => Channel(optional).GetBefore(reader, long.MaxValue, 10));
        Assert.Equal(ErrorCodes.ConversationNotFound, gone.Code);
    }

    [Fact]
    public async Task A_mandatory_channel_holds_its_whole_audience_and_new_staff_join_on_registration()
    {
        var (agency, _, id) = await NewChannel(mandatory: true);
        var newcomer = await _staff.Account(agency);
        var otherAgency = await _staff.Agency("Jabatan Lain");
        var outsider = await _staff.Account(otherAgency);
        var external = await _staff.Account(agency, external: true);

        Assert.True(await fixture.Grains.GetGrain<IUserConversationsGrain>(newcomer).IsMember(id));
        Assert.False(await fixture.Grains.GetGrain<IUserConversationsGrain>(outsider).IsMember(id));
        Assert.False(await fixture.Grains.GetGrain<IUserConversationsGrain>(external).IsMember(id));
        // Outside its audience a channel is as absent as any chat one is not in.
        var refused = await Assert.ThrowsAsync<GoChatException>(() => Channel(id).Join(outsider));
        Assert.Equal(ErrorCodes.ConversationNotFound, refused.Code);
    }

    [Fact]
    public async Task A_broadcast_to_ten_thousand_subscribers_is_one_entry_and_the_counts_follow_their_cursors()
    {
        var agency = await _staff.Agency("Jabatan Besar");
        var staff = await _staff.BulkStaff(agency, 10_000);
        var admin = await _staff.Account(agency, UserRole.AgencyAdmin);
        var id = ConversationIds.NewChannel();
        await Channel(id).Create(admin, agency, new NewChannel("Hebahan", null, ChannelAudience.OwnAgency, Mandatory: true));
        var rowsBefore = await Count("SELECT count(*) FROM gochat_messages WHERE conversation_id = @c", id);

        var ack = await Channel(id).Post(admin, Broadcast("Cuti umum esok."));
        var readers = staff.Take(3).ToList();
        foreach (var r in readers) await fixture.Grains.GetGrain<IUserConversationsGrain>(r).MarkCursors(id, ack.Seq, ack.Seq);
        await fixture.Grains.GetGrain<IUserConversationsGrain>(staff[3]).MarkCursors(id, ack.Seq, 0);

        Assert.Equal(rowsBefore + 1, await Count("SELECT count(*) FROM gochat_messages WHERE conversation_id = @c", id));
        Assert.Equal(10_001, await Count("SELECT count(*) FROM gochat_cursors WHERE conversation_id = @c", id));
        await Eventually.Until(async () => (await Channel(id).GetStats(admin, ack.Seq)).Read == 3, "three reads counted");
        var stats = await Channel(id).GetStats(admin, ack.Seq);
        Assert.Equal(10_001, stats.Subscribers);
        Assert.Equal(4, stats.Delivered);
        // A mandatory channel names who has not read it (up to the cap), never the readers.
        Assert.Equal(Limits.MaxUnreadNames, stats.NotRead!.Count);
        Assert.DoesNotContain(readers[0], stats.NotRead);
        var forbidden = await Assert.ThrowsAsync<GoChatException>(() => Channel(id).GetStats(staff[5], ack.Seq));
        Assert.Equal(ErrorCodes.Forbidden, forbidden.Code);
    }

    [Fact]
    public async Task An_optional_channels_statistics_count_without_naming_anyone()
    {
        var (agency, admin, id) = await NewChannel(mandatory: false);
        var reader = await _staff.Account(agency);
        await Channel(id).Join(reader);
        var ack = await Channel(id).Post(admin, Broadcast("Makluman"));
        await fixture.Grains.GetGrain<IUserConversationsGrain>(reader).MarkCursors(id, ack.Seq, ack.Seq);

        await Eventually.Until(async () => (await Channel(id).GetStats(admin, ack.Seq)).Read == 1, "the read counted");
        Assert.Null((await Channel(id).GetStats(admin, ack.Seq)).NotRead);
    }

    [Fact]
    public async Task A_reminder_goes_only_to_subscribers_who_have_not_read_even_when_they_muted_the_channel()
    {
        var (agency, admin, id) = await NewChannel(mandatory: true);
        var (reader, slacker, muted) = (await _staff.Account(agency), await _staff.Account(agency), await _staff.Account(agency));
        var ack = await Channel(id).Post(admin, Broadcast("Sila baca"));
        await fixture.Grains.GetGrain<IUserConversationsGrain>(reader).MarkCursors(id, ack.Seq, ack.Seq);
        await fixture.Grains.GetGrain<IUserConversationsGrain>(muted).Mute(id, ChatPreferences.Forever);
        foreach (var u in new[] { reader, slacker, muted }) await Subscribe(u);
        await Eventually.Until(async () => (await Channel(id).GetStats(admin, ack.Seq)).Read == 1, "the read counted");

        var unread = await Channel(id).RemindUnread(admin, ack.Seq);
        var candidates = await fixture.SiloService<GoChat.Grains.Push.PushSubscriptionStore>()
            .Candidates([new GoChat.Grains.Push.PushNotice(id, admin, ack.Seq)], TimeSpan.FromMinutes(1));

        Assert.Equal(3, unread); // the admin, who has not read his own post either, and the two
        Assert.Equal(new[] { slacker, muted }.Order(), candidates.Order());
        var (_, optionalAdmin, optional) = await NewChannel(mandatory: false);
        var post = await Channel(optional).Post(optionalAdmin, Broadcast("Pilihan"));
        var refused = await Assert.ThrowsAsync<GoChatException>(() => Channel(optional).RemindUnread(optionalAdmin, post.Seq));
        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
    }

    /// <summary>A Web Push subscription of the user's, as a browser leaves it.</summary>
    private async Task Subscribe(Guid user)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("INSERT INTO gochat_push_subscriptions (id, user_id, endpoint, p256dh, auth) VALUES (gen_random_uuid(), @u, @e, '\\x00', '\\x00')", connection);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("e", $"https://push.example/{user:N}");
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<long> Count(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("c", id);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
