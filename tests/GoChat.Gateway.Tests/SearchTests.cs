using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Search across chats (issue 14), end to end: real SignalR clients and REST over a real PostgreSQL index. A search
/// finds exactly what history would show the caller, by the message's current text.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SearchTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Malay_query_finds_the_inflected_form_by_its_stem()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        var sent = await alice.SendAsync(chat.Id, "Perkhidmatan kaunter dibuka semula esok");
        await alice.SendAsync(chat.Id, "Terima kasih");

        var page = await Search(bob, "khidmat");

        var group = Assert.Single(page.Groups);
        Assert.Equal(chat.Id, group.ConversationId);
        var hit = Assert.Single(group.Hits);
        Assert.Equal(sent.Seq, hit.Seq);
        Assert.Equal(alice.UserId, hit.SenderId);
        Assert.Equal("Perkhidmatan kaunter dibuka semula esok", string.Concat(hit.Snippet.Select(p => p.Text)));
        Assert.Equal(["Perkhidmatan"], hit.Snippet.Where(p => p.Match).Select(p => p.Text));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task English_query_finds_the_inflected_form_by_its_stem()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        var sent = await alice.SendAsync(chat.Id, "All department meetings are postponed");

        var hit = Assert.Single(Assert.Single((await Search(bob, "meeting")).Groups).Hits);

        Assert.Equal(sent.Seq, hit.Seq);
        Assert.Equal(["meetings"], hit.Snippet.Where(p => p.Match).Select(p => p.Text));
    }

    [Fact]
    public async Task Misspelt_word_finds_the_word()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        var sent = await alice.SendAsync(chat.Id, "Sila baca pekeliling terbaru");

        var hit = Assert.Single(Assert.Single((await Search(bob, "pekelilng")).Groups).Hits);

        Assert.Equal(sent.Seq, hit.Seq);
        Assert.Equal(["pekeliling"], hit.Snippet.Where(p => p.Match).Select(p => p.Text));
    }

    [Fact]
    public async Task Every_word_of_a_query_must_match()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        var both = await alice.SendAsync(chat.Id, "Laporan kewangan suku ketiga");
        await alice.SendAsync(chat.Id, "Laporan cuti tahunan");

        var hit = Assert.Single(Assert.Single((await Search(bob, "laporan kewangan")).Groups).Hits);

        Assert.Equal(both.Seq, hit.Seq);
    }

    [Fact]
    public async Task Member_who_left_finds_nothing_in_that_chat()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var group = await alice.CreateGroupAsync("Jawatankuasa Sukan", [bob.UserId]);
        await alice.SendAsync(group.Id, "Latihan bola sepak petang Jumaat");
        Assert.Single((await Search(bob, "sepak")).Groups);

        await bob.Connection.InvokeAsync("LeaveConversation", group.Id.ToString());

        Assert.Empty((await Search(bob, "sepak")).Groups);
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => Search(bob, "sepak", group.Id)));
        Assert.Single((await Search(alice, "sepak")).Groups);
    }

    [Fact]
    public async Task Member_who_was_removed_finds_nothing_in_that_chat()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var group = await alice.CreateGroupAsync("Bahagian Kewangan", [bob.UserId]);
        await alice.SendAsync(group.Id, "Bajet tambahan diluluskan");
        Assert.Single((await Search(bob, "bajet")).Groups);

        await alice.Connection.InvokeAsync("RemoveMember", group.Id.ToString(), bob.UserId.ToString());

        Assert.Empty((await Search(bob, "bajet")).Groups);
        using var http = Stack.HttpFor(bob.Session.AccessToken);
        await GatewayFixture.AssertProblem(await http.GetAsync($"/api/search/messages?q=bajet&conversationId={group.Id}"),
            HttpStatusCode.NotFound, ErrorCodes.ConversationNotFound);
    }

    [Fact]
    public async Task Late_joiner_finds_nothing_from_before_joining()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var group = await alice.CreateGroupAsync("Projek MyGov", [bob.UserId]);
        await alice.SendAsync(group.Id, "Rahsia projek sebelum carol");

        await alice.Connection.InvokeAsync<ConversationInfo>("AddMembers", group.Id.ToString(), new[] { carol.UserId.ToString() });
        var after = await bob.SendAsync(group.Id, "Projek bermula minggu depan");

        var hit = Assert.Single(Assert.Single((await Search(carol, "projek")).Groups).Hits);
        Assert.Equal(after.Seq, hit.Seq);
        Assert.Empty((await Search(carol, "rahsia")).Groups);
        Assert.Equal(2, Assert.Single((await Search(bob, "projek")).Groups).Hits.Count);
    }

    [Fact]
    public async Task Message_deleted_for_everyone_is_not_found()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        var oops = await alice.SendAsync(chat.Id, "Kata laluan wifi tetamu");
        Assert.Single((await Search(bob, "laluan")).Groups);

        await alice.Connection.InvokeAsync<SendAck>("DeleteMessage", chat.Id.ToString(), oops.Seq, Cid());

        Assert.Empty((await Search(bob, "laluan")).Groups);
        Assert.Empty((await Search(alice, "laluan", chat.Id)).Groups);
    }

    [Fact]
    public async Task Edited_message_is_found_by_its_new_text_only()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        var typo = await alice.SendAsync(chat.Id, "Mesyuarat di bilik Cempaka");

        await alice.Connection.InvokeAsync<SendAck>("EditMessage", chat.Id.ToString(), typo.Seq, "Mesyuarat di bilik Melati", Cid());

        Assert.Empty((await Search(bob, "cempaka")).Groups);
        var hit = Assert.Single(Assert.Single((await Search(bob, "melati")).Groups).Hits);
        Assert.Equal(typo.Seq, hit.Seq); // the original message, not its Edit entry
        Assert.NotNull(hit.EditedAt);
        Assert.Equal("Mesyuarat di bilik Melati", string.Concat(hit.Snippet.Select(p => p.Text)));
    }

    [Fact]
    public async Task Non_member_never_sees_another_chats_messages()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var mallory = await Stack.ConnectAsync(GatewayFixture.Handle("mallory"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await alice.SendAsync(chat.Id, "Dokumen sulit tender jambatan");

        Assert.Empty((await Search(mallory, "tender jambatan")).Groups);
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => Search(mallory, "tender", chat.Id)));
        using var http = Stack.HttpFor(mallory.Session.AccessToken);
        var rest = await http.GetFromJsonAsync<MessageSearchPage>("/api/search/messages?q=tender");
        Assert.Empty(rest!.Groups);
    }

    [Fact]
    public async Task Results_are_grouped_by_chat_and_paged()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var withBob = await alice.CreateDirectAsync(bob.UserId);
        var withCarol = await alice.CreateDirectAsync(carol.UserId);
        for (var i = 0; i < 3; i++) await alice.SendAsync(withBob.Id, $"Taklimat keselamatan bahagian {i}");
        for (var i = 0; i < 2; i++) await alice.SendAsync(withCarol.Id, $"Taklimat keselamatan unit {i}");

        var all = await Search(alice, "taklimat");
        Assert.Equal(2, all.Groups.Count);
        Assert.Equal(new[] { withBob.Id, withCarol.Id }.Order(), all.Groups.Select(g => g.ConversationId).Order());
        Assert.Equal(5, all.Groups.Sum(g => g.Hits.Count));

        var hits = await EveryPageOfTwo(alice, "taklimat");
        Assert.Equal(5, hits.Distinct().Count());
        Assert.Equal(5, hits.Count);

        var inOne = Assert.Single((await Search(alice, "taklimat", withCarol.Id)).Groups);
        Assert.Equal(withCarol.Id, inOne.ConversationId);
        Assert.Equal(2, inOne.Hits.Count);

        using var http = Stack.HttpFor(alice.Session.AccessToken);
        var rest = await http.GetFromJsonAsync<MessageSearchPage>($"/api/search/messages?q=taklimat&conversationId={withBob.Id}&limit=50");
        Assert.Equal(3, Assert.Single(rest!.Groups).Hits.Count);
    }

    [Fact]
    public async Task Search_across_chats_goes_back_band_by_band_and_pages_every_hit_once()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var withBob = await alice.CreateDirectAsync(bob.UserId);
        var withCarol = await alice.CreateDirectAsync(carol.UserId);
        // Each chat holds matches of several ages, so a ranking of all of them at once would not come newest band first.
        var ages = new (ConversationInfo Chat, TimeSpan Age)[]
        {
            (withBob, TimeSpan.Zero), (withBob, TimeSpan.FromHours(3)), (withBob, TimeSpan.FromDays(400)),
            (withCarol, TimeSpan.Zero), (withCarol, TimeSpan.Zero), (withCarol, TimeSpan.FromHours(3)),
            (withCarol, TimeSpan.FromDays(10)), (withCarol, TimeSpan.FromDays(10)), (withCarol, TimeSpan.FromDays(400)),
        };
        var sent = new Dictionary<(Guid, long), TimeSpan>();
        foreach (var (chat, age) in ages)
        {
            var ack = await alice.SendAsync(chat.Id, $"Anggaran belanja suku {sent.Count}");
            sent[(chat.Id, ack.Seq)] = age;
            if (age > TimeSpan.Zero)
            {
                await fixture.Execute($"UPDATE gochat_messages SET sent_at = sent_at - interval '{(long)age.TotalSeconds} seconds' WHERE conversation_id = '{chat.Id}' AND seq = {ack.Seq}");
            }
        }

        var hits = await EveryPageOfTwo(alice, "anggaran");

        Assert.Equal(sent.Keys.Order(), hits.Order());
        var agesInOrder = hits.Select(h => sent[h]).ToList();
        Assert.Equal(agesInOrder.Order(), agesInOrder);
    }

    [Theory]
    [InlineData("", ErrorCodes.EmptyText)]
    [InlineData("   ", ErrorCodes.EmptyText)]
    [InlineData("?! -- **", ErrorCodes.EmptyText)]
    [InlineData("LONG", ErrorCodes.TextTooLong)]
    public async Task Bad_query_text_is_refused_with_a_code(string text, string code)
    {
        if (text == "LONG") text = new string('a', SearchLimits.MaxQueryLength + 1);
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));

        HubErrors.AssertCode(code, await Assert.ThrowsAsync<HubException>(() => Search(alice, text)));
        using var http = Stack.HttpFor(alice.Session.AccessToken);
        await GatewayFixture.AssertProblem(await http.GetAsync($"/api/search/messages?q={Uri.EscapeDataString(text)}"), HttpStatusCode.BadRequest, code);
    }

    [Theory]
    [InlineData(null, null, -1)]
    [InlineData(null, null, SearchLimits.MaxPage + 1)]
    [InlineData(null, "abc", SearchLimits.DefaultPage)]
    [InlineData(null, "-20", SearchLimits.DefaultPage)]
    [InlineData(null, "100000", SearchLimits.DefaultPage)]
    [InlineData(null, "1764000000000.2.1.0", SearchLimits.DefaultPage)]
    [InlineData(null, "1764000000000.-1.9.0", SearchLimits.DefaultPage)]
    [InlineData(null, "1764000000000.-1.0.501", SearchLimits.DefaultPage)]
    [InlineData(null, "99999999999999.-1.0.0", SearchLimits.DefaultPage)]
    [InlineData("nope", null, SearchLimits.DefaultPage)]
    public async Task Bad_paging_or_chat_id_is_invalid_argument(string? conversationId, string? cursor, int limit)
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));

        HubErrors.AssertCode(ErrorCodes.InvalidArgument, await Assert.ThrowsAsync<HubException>(() =>
            alice.Connection.InvokeAsync<MessageSearchPage>("SearchMessages", new { Text = "mesyuarat", ConversationId = conversationId, Cursor = cursor, Limit = limit })));
        using var http = Stack.HttpFor(alice.Session.AccessToken);
        var query = $"/api/search/messages?q=mesyuarat&limit={limit}"
            + (conversationId is null ? "" : $"&conversationId={conversationId}") + (cursor is null ? "" : $"&cursor={cursor}");
        await GatewayFixture.AssertProblem(await http.GetAsync(query), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task Search_needs_a_signed_in_caller()
    {
        var response = await Stack.Http.GetAsync("/api/search/messages?q=mesyuarat");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Every hit, two to a page, following the cursors; every page but an empty search holds one or two.</summary>
    private static async Task<List<(Guid Chat, long Seq)>> EveryPageOfTwo(ChatClient client, string text)
    {
        var hits = new List<(Guid Chat, long Seq)>();
        string? cursor = null;
        do
        {
            var page = await Search(client, text, cursor: cursor, limit: 2);
            Assert.InRange(page.Groups.Sum(g => g.Hits.Count), 1, 2);
            hits.AddRange(page.Groups.SelectMany(g => g.Hits.Select(h => (g.ConversationId, h.Seq))));
            cursor = page.NextCursor;
        } while (cursor is not null);
        return hits;
    }

    private static string Cid() => Guid.NewGuid().ToString("N");

    private static Task<MessageSearchPage> Search(ChatClient client, string text, Guid? conversationId = null, string? cursor = null, int limit = SearchLimits.DefaultPage) =>
        client.Connection.InvokeAsync<MessageSearchPage>("SearchMessages", new { Text = text, ConversationId = conversationId?.ToString(), Cursor = cursor, Limit = limit });
}
