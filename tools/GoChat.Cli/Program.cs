// A tiny terminal client for local runs: signs in through the development route, opens the direct
// conversation with --to, prints what arrives and sends each line typed.
using System.Net.Http.Json;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

// Key making needs no gateway and must not sign anyone in, so it runs before any of that.
if (args is ["keys", .. var keyArgs])
{
    Environment.ExitCode = GoChat.Cli.KeysCommand.Run(keyArgs, Console.Out, Console.Error);
    return;
}

var options = Args.Parse(args);
using var http = new HttpClient { BaseAddress = new Uri(options.Gateway) };

var me = await SignIn(options.User);
var peer = await SignIn(options.To, onlyLookUp: true);
Console.WriteLine($"Signed in as {me.Handle}. Chatting with {peer.Handle}. Type a line and press Enter; Ctrl-D quits.");

var connection = new HubConnectionBuilder()
    .WithUrl(new Uri(new Uri(options.Gateway), "/hubs/chat"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(me.AccessToken))
    .WithAutomaticReconnect()
    .Build();

var lastSeq = 0L;
Guid conversationId = default;
connection.On<ChatMessage>("MessageReceived", m =>
{
    if (m.ConversationId != conversationId) return;
    lastSeq = Math.Max(lastSeq, m.Seq);
    var who = m.SenderId == me.UserId ? "me" : peer.Handle;
    Console.WriteLine(m.Kind switch
    {
        MessageKind.Text => $"[{m.Seq}] {who}: {m.Text}",
        MessageKind.Edit => $"[{m.Seq}] {who} edited #{m.TargetSeq}: {m.Text}",
        MessageKind.Delete => $"[{m.Seq}] {who} deleted #{m.TargetSeq}",
        _ => $"[{m.Seq}] ({m.Kind})",
    });
});
// After a reconnect the client says what it has, and receives exactly what it missed.
connection.Reconnected += async _ => await connection.InvokeAsync<object>("Sync", new { LastSeqs = new Dictionary<string, long> { [conversationId.ToString()] = lastSeq } });

await connection.StartAsync();
var chat = await connection.InvokeAsync<ConversationInfo>("CreateDirectConversation", peer.UserId.ToString());
conversationId = chat.Id;
foreach (var m in await connection.InvokeAsync<IReadOnlyList<ChatMessage>>("GetHistory", chat.Id.ToString(), long.MaxValue, 20))
{
    if (m.Kind == MessageKind.Text) Console.WriteLine($"[{m.Seq}] {(m.SenderId == me.UserId ? "me" : peer.Handle)}: {(m.Deleted ? "(deleted)" : m.Text)}");
    lastSeq = Math.Max(lastSeq, m.Seq);
}
await connection.InvokeAsync<object>("Sync", new { LastSeqs = new Dictionary<string, long> { [chat.Id.ToString()] = lastSeq } });

while (Console.ReadLine() is { } line)
{
    if (string.IsNullOrWhiteSpace(line)) continue;
    try
    {
        await connection.InvokeAsync<SendAck>("SendMessage", new { ConversationId = chat.Id.ToString(), ClientMessageId = Guid.NewGuid().ToString("N"), Text = line });
    }
    catch (HubException ex)
    {
        Console.WriteLine($"! {ex.Message}");
    }
}
await connection.DisposeAsync();

async Task<Session> SignIn(string handle, bool onlyLookUp = false)
{
    if (onlyLookUp)
    {
        var found = await http.GetAsync($"/api/dev/users/{handle}");
        for (var waited = 0; !found.IsSuccessStatusCode && waited < 300; waited++)
        {
            if (waited == 0) Console.WriteLine($"Waiting for {handle} to sign in (start their client)...");
            await Task.Delay(TimeSpan.FromSeconds(1));
            found = await http.GetAsync($"/api/dev/users/{handle}");
        }
        if (!found.IsSuccessStatusCode) throw new InvalidOperationException($"{handle} has not signed in.");
        var profile = (await found.Content.ReadFromJsonAsync<UserProfile>())!;
        return new Session(profile.UserId, profile.Handle, profile.DisplayName, "", default);
    }
    var response = await http.PostAsJsonAsync("/api/dev/sign-in", new { handle });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<Session>())!;
}

record Session(Guid UserId, string Handle, string DisplayName, string AccessToken, DateTimeOffset ExpiresAt);

record Args(string User, string To, string Gateway)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var user = Value("--user") ?? throw new ArgumentException("--user HANDLE is required");
        var to = Value("--to") ?? throw new ArgumentException("--to HANDLE is required");
        return new Args(user, to, Value("--gateway") ?? "http://127.0.0.1:5080");
    }
}
