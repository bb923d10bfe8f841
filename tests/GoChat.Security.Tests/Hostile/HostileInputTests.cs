using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace GoChat.Security.Tests.Hostile;

/// <summary>
/// Every REST route and hub method, from the running gateway's route table and the hub's type, met with hostile
/// input. Each case must be refused clearly (or, where the text is legitimate, answered without failing); each
/// batch (one route or method) must change nothing in the database or in what the grains hold once deactivated,
/// and leave the server healthy. Bounded by default: env GOCHAT_HOSTILE_SEED (default 12), GOCHAT_HOSTILE_CASES random cases
/// per route/method (default 150); GOCHAT_HOSTILE_SECONDS=N keeps each suite running random rounds for N seconds.
/// </summary>
public sealed class HostileInputTests(HostileWorld world, ITestOutputHelper output) : IClassFixture<HostileWorld>
{
    private static readonly int Seed = SuiteReport.IntFromEnvironment("GOCHAT_HOSTILE_SEED", 12);
    private static readonly int RandomCases = SuiteReport.IntFromEnvironment("GOCHAT_HOSTILE_CASES", 150);
    private static readonly int Seconds = SuiteReport.IntFromEnvironment("GOCHAT_HOSTILE_SECONDS", 0);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_REST_route_refuses_hostile_input_changes_nothing_and_stays_healthy()
    {
        var routes = RouteTable.Rest(world.Security.Stack.GatewayServices);
        var generators = routes.Select(r => (Route: r, Gen: new RestCaseGenerator(world, r))).ToList();
        var rng = new Random(Seed);
        var failures = new List<string>();
        var count = 0;
        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Seconds);
        var round = 0;
        do
        {
            foreach (var (route, gen) in generators)
            {
                var cases = (round == 0 ? gen.Fixed() : []).Concat(Enumerable.Range(0, RandomCases).Select(_ => gen.Random(rng))).ToList();
                count += cases.Count;
                if (round == 0) output.WriteLine($"{route.Key}: {gen.Shape}, {cases.Count} cases");
                await Batch(route.Key, cases, c => c.Outcome, c => c.Name, c => Send(c), failures);
            }
            round++;
        }
        while (DateTime.UtcNow < deadline);

        Report("rest", $"REST routes: {routes.Count}, cases: {count}, rounds: {round}, seed: {Seed}, random cases per route and round: {RandomCases}, took {clock.Elapsed.TotalSeconds:F0} s", failures);
    }

    [Fact]
    public async Task Every_hub_method_refuses_hostile_input_changes_nothing_and_stays_healthy()
    {
        var methods = RouteTable.HubMethods();
        var generators = methods.Select(m => new HubCaseGenerator(world, m)).ToList();
        var rng = new Random(Seed);
        var failures = new List<string>();
        var count = 0;
        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Seconds);
        var round = 0;
        do
        {
            foreach (var gen in generators)
            {
                var cases = (round == 0 ? gen.Fixed(false).Concat(gen.Fixed(true)).Concat(gen.RawSurrogates()) : [])
                    .Concat(Enumerable.Range(0, RandomCases).Select(_ => gen.Random(rng))).ToList();
                count += cases.Count;
                if (round == 0) output.WriteLine($"{gen.Name}{gen.Shape}: {cases.Count} cases");
                await Batch(gen.Name, cases, c => c.Outcome, c => $"{(c.MessagePack ? "messagepack" : "json")} {c.Name}", c => Invoke(gen.Name, c), failures);
            }
            round++;
        }
        while (DateTime.UtcNow < deadline);

        Report("hub", $"hub methods: {methods.Count}, cases: {count}, rounds: {round}, seed: {Seed}, random cases per method and round: {RandomCases}, took {clock.Elapsed.TotalSeconds:F0} s", failures);
    }

    /// <summary>
    /// One route's or method's cases: those that must change nothing between two checksums and three read-backs
    /// (before, after, after deactivation), then those that may store text, then the health check.
    /// </summary>
    private async Task Batch<T>(string target, List<T> cases, Func<T, Outcome> outcome, Func<T, string> name, Func<T, Task<string?>> run, List<string> failures)
    {
        // Deactivating first writes what earlier batches left for a timer (cursors of accepted cases), so that no
        // deferred write lands inside this batch.
        await world.Deactivate();
        var before = await world.ReadBack();
        var sums = await world.Checksum();
        foreach (var c in cases.Where(c => outcome(c) != Outcome.Tolerate))
        {
            if (await run(c) is { } problem) failures.Add($"{target} | {name(c)} | {problem}");
        }
        var changed = Changed(sums, await world.Checksum());
        if (changed.Count > 0) failures.Add($"{target} | batch | the contents of {string.Join(", ", changed)} changed over cases that must change nothing");
        var after = await world.ReadBack();
        if (after != before) failures.Add($"{target} | batch | what the API reads back changed: {Diff(before, after)}");
        await world.Deactivate();
        var stored = await world.ReadBack();
        if (stored != before) failures.Add($"{target} | batch | after deactivation the stored objects differ: {Diff(before, stored)}");
        foreach (var c in cases.Where(c => outcome(c) == Outcome.Tolerate))
        {
            if (await run(c) is { } problem) failures.Add($"{target} | {name(c)} | {problem}");
        }
        if (await world.Unhealthy() is { } sick) failures.Add($"{target} | batch | server unhealthy afterwards: {sick}");
    }

    private async Task<string?> Send(RestCase c)
    {
        using var http = world.Security.Stack.HttpFor("x");
        http.DefaultRequestHeaders.Authorization = c.Token is null ? null : new("Bearer", c.Token);
        http.Timeout = CallTimeout;
        using var request = new HttpRequestMessage(c.Method, c.Path) { Content = c.Content() };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (Exception ex)
        {
            return $"no answer: {ex.GetType().Name} {ex.Message}";
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            var code = Authorization.AuthorizationMatrixTests.CodeOf(body);
            var answer = $"{status} {(body.Length > 200 ? body[..200] + "…" : body)}";
            if (status >= 500) return $"server error {answer}";
            if (c.Exact is { } exact && (status != exact.Status || code != exact.Code)) return $"expected {exact.Status} {exact.Code}, got {answer}";
            if (c.Outcome == Outcome.Refuse && status < 400) return $"accepted: {answer}";
            // A HEAD answer has no body by HTTP's rules (tus asks where an upload stands with one): the refusal's type is all it can carry.
            var head = request.Method == HttpMethod.Head;
            if (status >= 400 && (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || (code is null && !head))) return $"refused without problem details and a code: {answer}";
            return null;
        }
    }

    private async Task<string?> Invoke(string method, HubCase c)
    {
        if (c.RawFrame is not null)
        {
            try
            {
                var error = await RawMessagePack.Invoke(world.Security.Stack.GatewayUri, world.H.AccessToken, method, c.Args, CallTimeout);
                return Judge(c, error is null ? null : new HubException(error));
            }
            catch (Exception ex)
            {
                return $"connection dropped: {ex.GetType().Name} {ex.Message}";
            }
        }
        var hub = await world.HHub(c.MessagePack);
        // SignalR's MessagePack protocol writes enums by name; inside a map of objects the client would write numbers.
        var args = c.Args.Select(a => a is ArgMap r && !c.MessagePack ? r.ForJson()
            : a is ArgMap m ? m.ToDictionary(kv => kv.Key, kv => kv.Value is Enum e ? e.ToString() : kv.Value) : a).ToArray();
        Exception? failure = null;
        try
        {
            await hub.InvokeCoreAsync(method, typeof(object), args).WaitAsync(CallTimeout);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        // A frame past the size limit makes the server close the connection; the client may still say Connected for a
        // moment. Stopped here, so the next case gets a fresh connection instead of this closing one.
        var serverClosed = failure is HubException && failure.Message.StartsWith("The server closed the connection", StringComparison.Ordinal);
        if (serverClosed) await hub.StopAsync();
        var dropped = serverClosed || hub.State != HubConnectionState.Connected || failure is WebSocketException or TaskCanceledException || failure is InvalidOperationException && failure is not HubException;
        if (dropped)
        {
            return c.MayDrop ? null : $"connection dropped: {failure?.GetType().Name} {failure?.Message}";
        }
        return Judge(c, failure);
    }

    private static string? Judge(HubCase c, Exception? failure)
    {
        if (failure is null) return c.Outcome == Outcome.Refuse ? "accepted" : null;
        if (failure is TimeoutException) return "no answer within 30 s";
        if (failure is not HubException) return $"{failure.GetType().Name}: {failure.Message}";
        var code = HubErrors.Code(failure);
        if (code == ErrorCodes.Unavailable) return $"UNAVAILABLE: {failure.Message}";
        if (code is not null && code.All(ch => ch is >= 'A' and <= 'Z' or '_')) return null;
        // SignalR's own answer when the arguments cannot be bound (it names no detail unless detailed errors are on);
        // every other failure passes GoChat's filter, which always gives a code.
        var binding = c.BindingError || c.MessagePack && c.Name.EndsWith("undefined number", StringComparison.Ordinal);
        if (binding && failure.Message.StartsWith("Failed to invoke '", StringComparison.Ordinal) && failure.Message.EndsWith("due to an error on the server.", StringComparison.Ordinal)) return null;
        return $"refused without a CODE: {failure.Message}";
    }

    private void Report(string suite, string size, List<string> failures)
    {
        var text = new StringBuilder().AppendLine(size).AppendLine($"failing cases: {failures.Count}");
        foreach (var group in failures.GroupBy(f => f.Split(" | ")[0])) text.AppendLine($"  {group.Key}: {group.Count()}");
        output.WriteLine(text.ToString());
        SuiteReport.Write($"hostile-{suite}-size.txt", size + Environment.NewLine);
        var path = SuiteReport.Write($"hostile-{suite}-failures.txt", text + string.Join(Environment.NewLine, failures) + Environment.NewLine);
        Assert.True(failures.Count == 0, $"{text}(all in {path})\n{string.Join("\n", failures.Take(150))}");
    }

    private static List<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order().ToList();

    private static string Diff(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        string Cut(string[] lines) => i < lines.Length ? (lines[i].Length > 300 ? lines[i][..300] : lines[i]) : "(nothing)";
        return $"was «{Cut(a)}», now «{Cut(b)}»";
    }
}
