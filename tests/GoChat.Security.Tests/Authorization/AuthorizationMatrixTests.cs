using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Security.Tests.Authorization;

/// <summary>
/// Every REST route and hub method × every kind of caller, each cell a well-formed request against real objects,
/// its answer compared with <see cref="AuthorizationMatrix"/>.
/// </summary>
public sealed partial class AuthorizationMatrixTests(MatrixWorld world, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<MatrixWorld>
{
    public static IEnumerable<object[]> RestCells() =>
        AuthorizationMatrix.RestRoutes.SelectMany(e => Enum.GetValues<Who>().Select(w => new object[] { e.Key, w.ToString() }));

    public static IEnumerable<object[]> HubCells() =>
        AuthorizationMatrix.HubMethods.SelectMany(e => Enum.GetValues<Who>().SelectMany(w =>
            new[] { "json", "messagepack" }.Select(p => new object[] { e.Key, w.ToString(), p })));

    [Fact]
    public void Every_route_and_hub_method_has_an_entry()
    {
        var routes = RouteTable.Rest(world.Security.Stack.GatewayServices).Select(r => Normalize(r.Key)).ToHashSet();
        var entries = AuthorizationMatrix.RestRoutes.Where(e => e.Variant is null).Select(e => Normalize(e.Route)).ToList();
        var variants = AuthorizationMatrix.RestRoutes.Where(e => e.Variant is not null).Select(e => Normalize(e.Route)).ToList();
        var methods = RouteTable.HubMethods().Select(m => m.Name).ToHashSet();
        var hubEntries = AuthorizationMatrix.HubMethods.Select(e => e.Method).ToHashSet();

        var problems = new List<string>();
        problems.AddRange(routes.Except(entries).Select(r => $"route without an entry: {r}"));
        problems.AddRange(entries.Concat(variants).Except(routes).Select(r => $"entry for a route that does not exist: {r}"));
        problems.AddRange(entries.GroupBy(e => e).Where(g => g.Count() > 1).Select(g => $"two entries for {g.Key}"));
        problems.AddRange(methods.Except(hubEntries).Select(m => $"hub method without an entry: {m}"));
        problems.AddRange(hubEntries.Except(methods).Select(m => $"entry for a hub method that does not exist: {m}"));
        problems.AddRange(AuthorizationMatrix.HubMethods.GroupBy(e => e.Key).Where(g => g.Count() > 1).Select(g => $"two entries for hub {g.Key}"));
        var columns = Enum.GetValues<Who>().Length;
        var size = $"authorization matrix: {entries.Count} REST routes x {columns} callers = {entries.Count * columns} cells; "
            + $"{methods.Count} hub methods in {AuthorizationMatrix.HubMethods.Count} lines x {columns} callers x 2 protocols = {AuthorizationMatrix.HubMethods.Count * columns * 2} cells";
        output.WriteLine(size);
        SuiteReport.Write("authorization-matrix-size.txt", size + Environment.NewLine);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.NotEmpty(routes);
        Assert.NotEmpty(methods);
    }

    [Theory]
    [MemberData(nameof(RestCells))]
    public async Task Rest_cell(string route, string caller)
    {
        var who = Enum.Parse<Who>(caller);
        var entry = AuthorizationMatrix.RestRoutes.Single(e => e.Key == route);
        var expected = entry.Expected[who];
        var cell = new Cell(world, who, world.SideOf(who));
        var principal = entry.Session != SessionUse.Shared && who is not (Who.Anonymous or Who.Pending)
            ? await world.FreshSessionOf(who)
            : world.Session(who);
        try
        {
            var path = await BindPath(entry, cell) + entry.Query;
            using var request = new HttpRequestMessage(new HttpMethod(entry.Verb), path);
            request.Content = entry.Content?.Invoke(cell) ?? (entry.Body is null ? null : JsonContent.Create(await entry.Body(cell)));
            foreach (var (name, value) in entry.Headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
            using var http = world.Security.Http(principal);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var (status, code) = expected.Rest;
            var what = $"{route} as {who}: expected {expected.Token}, got {(int)response.StatusCode} {Truncate(body)}";
            if (expected.Allowed)
            {
                Assert.True(response.IsSuccessStatusCode, what);
                return;
            }
            Assert.True((int)response.StatusCode == status, what);
            // A HEAD answer has no body to carry the code in; its status has to say it.
            if (code is not null && entry.Verb != "HEAD") Assert.True(CodeOf(body) == code, what);
        }
        finally
        {
            if (entry.Session == SessionUse.OwnThenRenew) await world.Renew(who);
        }
    }

    [Theory]
    [MemberData(nameof(HubCells))]
    public async Task Hub_cell(string method, string caller, string protocol)
    {
        var who = Enum.Parse<Who>(caller);
        var messagePack = protocol == "messagepack";
        var entry = AuthorizationMatrix.HubMethods.Single(e => e.Key == method);
        var expected = entry.Expected[who];
        if (who is Who.Anonymous or Who.Pending)
        {
            // No session GoChat accepts: the connection itself must be refused, before any method can run.
            await using var hub = world.Security.Hub(world.Session(who)?.AccessToken ?? "", messagePack);
            var refused = await Record.ExceptionAsync(() => hub.StartAsync());
            Assert.True(expected.Token == "401", $"{method} as {who}: the table expects {expected.Token}, but {who} cannot hold a session");
            Assert.True(refused is not null && IsUnauthorized(refused), $"{method} as {who}: expected the connection refused with 401, got {refused?.Message ?? "a connection"}");
            return;
        }

        var connection = await world.Hub(who, messagePack);
        var args = await entry.Args(new Cell(world, who, world.SideOf(who)));
        var error = await Record.ExceptionAsync(() => connection.InvokeCoreAsync(entry.Method, typeof(object), args));
        var what = $"{method} over {protocol} as {who}: expected {expected.Token}, got {(error is null ? "ok" : error.Message)}";
        if (expected.Allowed)
        {
            Assert.True(error is null, what);
            return;
        }
        Assert.True(error is HubException && HubErrors.Code(error) == expected.HubCode, what);
    }

    private async Task<string> BindPath(RestEntry entry, Cell cell)
    {
        var path = entry.Pattern;
        (long Seq, Guid Blob)? attachment = null;
        foreach (Match m in RouteValue().Matches(entry.Pattern))
        {
            if (m.Groups[1].Value is "seq" or "blobId") attachment ??= await world.FreshAttachment(cell.Side);
            var value = m.Groups[1].Value switch
            {
                "agencyId" => cell.Side.Agency.Id.ToString(),
                "conversationId" => (entry.Conversation is null ? cell.Side.Group : await entry.Conversation(cell)).ToString(),
                "userId" => (entry.User is null ? cell.Side.Subject.UserId : await entry.User(cell)).ToString(),
                "deviceId" => cell.Who is Who.Anonymous or Who.Pending ? Guid.NewGuid().ToString() : (await world.FreshSessionOf(cell.Who)).DeviceId.ToString()!,
                "domain" => entry.Domain is null ? await world.FreshDomainOf(cell.Side) : await entry.Domain(cell),
                // No caller holds a passkey in this world (registering one needs an authenticator): another's id looks missing.
                "id" => "dW5rbm93bi1wYXNza2V5LWlk",
                "handle" => world.DevHandle,
                "uploadId" => (await world.FreshUpload(cell.Side)).ToString("N"),
                "seq" => attachment!.Value.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "blobId" => attachment!.Value.Blob.ToString(),
                "token" => await world.FreshLinkToken(cell.Side),
                var other => throw new InvalidOperationException($"No binding for route value {other} of {entry.Route}: add one in BindPath."),
            };
            path = path.Replace(m.Value, Uri.EscapeDataString(value));
        }
        return path;
    }

    private static bool IsUnauthorized(Exception error) => error switch
    {
        HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized } => true,
        WebSocketException ws => ws.Message.Contains("'401'", StringComparison.Ordinal),
        _ => error.InnerException is { } inner && IsUnauthorized(inner),
    };

    private static string Normalize(string route) => RouteValue().Replace(route, m => "{" + m.Groups[1].Value + "}");

    public static string? CodeOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteValue();
}
