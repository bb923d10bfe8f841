using System.Net.Http.Json;
using GoChat.Broadcasts.Text;
using GoChat.Gateway.Broadcasts;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests.Broadcasts;

/// <summary>A snippet in the search results is a copy too: it must trace to its searcher like the broadcast itself.</summary>
[Collection(BroadcastCollection.Name)]
public sealed class BroadcastSearchTests(BroadcastFixture fixture)
{
    [Fact]
    public async Task A_search_snippet_of_a_protected_broadcast_traces_to_the_searcher_and_an_open_one_is_left_as_written()
    {
        var admin = await fixture.Admin();
        var channel = await fixture.CreateChannel(admin, mandatory: true, "Carian Terhad");
        await using var hub = await fixture.OnlineStaff("cari-hub");
        await using var rest = await fixture.OnlineStaff("cari-rest");
        await using var poster = new ChatClient(fixture.Stack.GatewayUri, admin.AsSession());
        await poster.StartAsync();
        var secret = await Post(poster, channel.Id, BroadcastDeliveryTests.Notice, "SULIT");
        var open = await Post(poster, channel.Id, "Taklimat terbuka untuk orang awam pada hari Selasa.", "TERBUKA");

        var viaHub = await hub.Connection.InvokeAsync<MessageSearchPage>("SearchMessages", new { Text = "taklimat", ConversationId = channel.Id.ToString() });
        using var restHttp = fixture.Stack.HttpFor(rest.Session.AccessToken);
        var viaRest = (await restHttp.GetFromJsonAsync<MessageSearchPage>($"/api/search/messages?q=taklimat&conversationId={channel.Id}"))!;

        using var adminHttp = fixture.Stack.HttpFor(admin.AccessToken);
        foreach (var (page, searcher) in new[] { (viaHub, hub.UserId), (viaRest, rest.UserId) })
        {
            var hits = Assert.Single(page.Groups).Hits;
            var secretHit = hits.Single(h => h.Seq == secret.Seq);
            var snippet = string.Concat(secretHit.Snippet.Select(p => p.Text));
            Assert.Contains(TextWatermark.Strip(snippet).Trim('…'), BroadcastDeliveryTests.Notice);
            Assert.NotEqual(TextWatermark.Strip(snippet), snippet);
            // Any one highlighted part, copied alone, names the searcher.
            var matched = secretHit.Snippet.First(p => p.Match).Text;
            var trace = await Trace(adminHttp, matched);
            Assert.True(trace.Found);
            Assert.Equal(searcher, Assert.Single(trace.Recipients).UserId);
            var openHit = hits.Single(h => h.Seq == open.Seq);
            Assert.Null(openHit.MarkedBroadcastId);
            Assert.All(openHit.Snippet, p => Assert.Equal(TextWatermark.Strip(p.Text), p.Text));
        }
    }

    private static Task<SendAck> Post(ChatClient poster, Guid channel, string text, string level) =>
        poster.Connection.InvokeAsync<SendAck>("PostBroadcast", BroadcastDeliveryTests.Broadcast(channel, text, level));

    private async Task<LeakTrace> Trace(HttpClient http, string text)
    {
        var response = await http.PostAsJsonAsync("/api/admin/leaks/trace", new { agencyId = fixture.AgencyId, text });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<LeakTrace>())!;
    }
}
