using System.Diagnostics;
using GoChat.GrainInterfaces;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TraceTests(TelemetryFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;
    private SpanCollector Spans => fixture.Spans;

    [Fact]
    public async Task A_sent_message_is_one_trace_from_hub_call_to_database_write()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await bob.SyncAsync();

        var ack = await alice.SendAsync(chat.Id, "Jejak dari hub ke pangkalan data");
        await bob.WaitForTexts(chat.Id, 1);

        var append = await Spans.WaitFor(s => s.OperationName == "message_log.append"
            && s.GetTagItem("gochat.conversation.id") as string == chat.Id.ToString() && Equals(s.GetTagItem("gochat.message.seq"), ack.Seq), "append of the message");
        // The hub span ends last, once the grain call has returned the ack.
        var hub = await Spans.WaitFor(s => s.TraceId == append.TraceId && s.Source.Name == "Microsoft.AspNetCore.SignalR.Server", "hub invocation in the trace");
        var trace = Spans.InTrace(append.TraceId);
        var shape = Describe(trace);

        // Hub call: its own trace (a connection lives for hours), linked to the connection's request.
        Assert.Equal("SendMessage", hub.GetTagItem("rpc.method"));
        Assert.True(hub.ParentSpanId == default, shape);
        Assert.Single(hub.Links);
        // Grain call: the Orleans client span under the hub call, the grain's server span under that.
        var call = Single(trace, s => s.Kind == ActivityKind.Client && s.OperationName == "IConversationGrain/Send", shape);
        Assert.Equal(hub.SpanId, call.ParentSpanId);
        var handled = Single(trace, s => s.Kind == ActivityKind.Server && s.OperationName == "IConversationGrain/Send", shape);
        Assert.Equal(call.SpanId, handled.ParentSpanId);
        // Database write: the append under the grain call, lasting until its batch committed; the batch's commit
        // span under the append (the only one in its batch), the INSERT statement itself under the commit.
        Assert.Equal(handled.SpanId, append.ParentSpanId);
        var commit = Single(trace, s => s.OperationName == "message_log.commit", shape);
        Assert.Equal(append.SpanId, commit.ParentSpanId);
        Assert.Equal(1, commit.GetTagItem("gochat.storage.batch.size"));
        Assert.Contains(append.Links, l => l.Context.SpanId == commit.SpanId);
        var insert = Single(trace, s => s.Source.Name == "Npgsql" && s.ParentSpanId == commit.SpanId, shape);
        Assert.StartsWith("INSERT INTO gochat_messages", insert.GetTagItem("db.query.text") as string);
        // Acked only once durable: the append ended after the commit and before the hub call did.
        Assert.True(End(append) >= End(commit) && End(hub) >= End(append), shape);
    }

    [Fact]
    public async Task Orleans_housekeeping_starts_no_traces_of_its_own()
    {
        // Housekeeping (lease renewals, timers, health checks) is a grain call that no request started: make one
        // from the gateway with no span around it, and see that Orleans did trace it...
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = a => { if (a.OperationName.EndsWith("/GetPresence", StringComparison.Ordinal)) called.TrySetResult(); },
        };
        ActivitySource.AddActivityListener(listener);
        var grains = Stack.GatewayServices.GetRequiredService<IGrainFactory>();
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            await grains.GetGrain<IPresenceGrain>(Guid.NewGuid()).GetPresence();
        }
        finally
        {
            Activity.Current = previous;
        }
        await called.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // ...and that neither it nor any other grain call outside a request reached the exporter as a root span.
        var roots = Spans.Ended.Where(s => s.ParentSpanId == default).Select(s => s.OperationName).Distinct().ToList();
        Assert.DoesNotContain(roots, name => name.Contains('/'));
    }

    private static DateTime End(Activity a) => a.StartTimeUtc + a.Duration;

    private static Activity Single(IReadOnlyList<Activity> trace, Func<Activity, bool> match, string shape)
    {
        var found = trace.Where(match).ToList();
        Assert.True(found.Count == 1, $"Expected one such span, found {found.Count} in:\n{shape}");
        return found[0];
    }

    private static string Describe(IReadOnlyList<Activity> trace) => string.Join("\n", trace.OrderBy(a => a.StartTimeUtc).Select(a =>
        $"{a.SpanId} <- {a.ParentSpanId} [{a.Source.Name}] {a.Kind} '{a.OperationName}' links={a.Links.Count()}"));
}
