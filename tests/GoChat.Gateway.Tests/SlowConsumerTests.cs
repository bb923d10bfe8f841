using Xunit.Abstractions;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace GoChat.Gateway.Tests;

/// <summary>
/// A client that does not read what it is sent (a stalled phone, a bad network) costs only itself: the others'
/// delivery never waits for it, it is closed once its outbox is full, and it resyncs exactly what it missed.
/// The slow client is a raw WebSocket that simply stops reading its socket.
/// </summary>
public sealed class SlowConsumerTests(SmallOutboxFixture fixture, ITestOutputHelper output) : IClassFixture<SmallOutboxFixture>
{
    /// <summary>The slow client's socket buffer: small, so that a few hundred KB unread hold up the gateway.</summary>
    private const int SlowSocketBuffer = 8 * 1024;

    /// <summary>About 4 KB an entry: a few hundred fill the buffers between the gateway and a client that does not read.</summary>
    private static readonly string Bulky = new('x', Limits.MaxTextLength - 96);

    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_and_others_keep_receiving()
    {
        using var slowClosed = new MetricCollector<long>(Stack.GatewayServices.GetRequiredService<IMeterFactory>(), "GoChat", "gochat.gateway.slow_consumer_closed");
        var (alice, bob, carolSession, group) = await GroupOfThree();
        await using var _ = alice;
        await using var __ = bob;
        await using var carol = await RawHubConnection.OpenAsync(Stack.GatewayUri, carolSession.AccessToken, messagePack: false, SlowSocketBuffer);
        var sync = await carol.SendInvocation("Sync", (object?)null);
        Assert.True(await carol.ReadUntil(c => c.Completed.Contains(sync)));
        var first = await alice.SendAsync(group.Id, "mula");
        Assert.True(await carol.ReadUntil(c => c.Received.Any(r => r.Seq == first.Seq)));

        // Carol reads no more; Alice goes on until the gateway gives up on Carol.
        var sent = new List<long> { first.Seq };
        while (slowClosed.GetMeasurementSnapshot().Count == 0)
        {
            Assert.True(sent.Count < 3000, "The gateway never closed a client that stopped reading.");
            sent.Add((await alice.SendAsync(group.Id, Bulky)).Seq);
        }
        output.WriteLine($"Closed after {sent.Count} entries of {Bulky.Length} characters");

        // The others had every entry, in order, all along.
        await Task.WhenAll(alice.WaitForTexts(group.Id, sent.Count), bob.WaitForTexts(group.Id, sent.Count));
        Assert.Equal(sent, bob.TextsIn(group.Id).Select(m => m.Seq));
        Assert.Equal(sent, alice.TextsIn(group.Id).Select(m => m.Seq));

        // The server closed Carol's connection: what was already on its way may arrive, then it ends.
        Assert.False(await carol.ReadUntil(_ => false), "The connection stayed open.");
        var got = carol.Received.Where(r => r.ConversationId == group.Id).Select(r => r.Seq).ToList();
        Assert.True(got.Count < sent.Count, "Carol got everything although she was closed as too slow.");
        Assert.Equal(sent.Take(got.Count), got);

        // She comes back and syncs from the last entry she has: she gets exactly the rest, once, then live ones.
        await using var carolAgain = new ChatClient(Stack.GatewayUri, carolSession);
        await carolAgain.StartAsync();
        await carolAgain.SyncAsync(new() { [group.Id.ToString()] = got[^1] });
        var rest = sent.Skip(got.Count).Append((await alice.SendAsync(group.Id, "selepas")).Seq).ToList();
        await carolAgain.WaitForTexts(group.Id, rest.Count);
        Assert.Equal(rest, carolAgain.TextsIn(group.Id).Select(m => m.Seq));
    }

    [Fact]
    public async Task Live_delivery_to_others_is_not_held_by_a_reconnecting_members_backlog()
    {
        var (alice, bob, carolSession, group) = await GroupOfThree();
        await using var _ = alice;
        await using var __ = bob;
        var first = await alice.SendAsync(group.Id, "mula");
        await bob.WaitForTexts(group.Id, 1);

        // While Carol is away, a backlog too big for the buffers between the gateway and her socket.
        var backlog = new List<long>();
        for (var i = 0; i < 300; i++) backlog.Add((await alice.SendAsync(group.Id, Bulky)).Seq);
        await bob.WaitForTexts(group.Id, 1 + backlog.Count);

        // Carol reconnects and syncs, and reads until her backlog has begun to arrive, then no further.
        await using var carol = await RawHubConnection.OpenAsync(Stack.GatewayUri, carolSession.AccessToken, messagePack: false, SlowSocketBuffer);
        var sync = await carol.SendInvocation("Sync", new { lastSeqs = new Dictionary<string, long> { [group.Id.ToString()] = first.Seq } });
        Assert.True(await carol.ReadUntil(c => c.Received.Count > 0));
        await carol.SendPing();

        // Bob gets a live entry while the rest of Carol's backlog waits for her.
        var live = await alice.SendAsync(group.Id, "langsung");
        await bob.WaitUntil(b => b.TextsIn(group.Id).Any(m => m.Seq == live.Seq), "the live entry while Carol catches up", TimeSpan.FromSeconds(20));

        // Carol reads again: her whole backlog, then the live entry, each once, and her Sync's answer.
        await carol.SendPing();
        Assert.True(await carol.ReadUntil(c => c.Completed.Contains(sync) && c.Received.Any(r => r.Seq == live.Seq)));
        Assert.Equal([.. backlog, live.Seq], carol.Received.Where(r => r.ConversationId == group.Id).Select(r => r.Seq));
    }

    /// <summary>Alice and Bob connected and synced, Carol signed in only: one group of the three.</summary>
    private async Task<(ChatClient Alice, ChatClient Bob, DevSession Carol, ConversationInfo Group)> GroupOfThree()
    {
        var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var carol = await Stack.SignInAsync(GatewayFixture.Handle("carol"));
        var group = await alice.CreateGroupAsync("Unit Lambat", [bob.UserId, carol.UserId]);
        await alice.SyncAsync();
        await bob.SyncAsync();
        return (alice, bob, carol, group);
    }
}
