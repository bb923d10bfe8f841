using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GoChat.Gateway.Tests.Files;

/// <summary>
/// A stack whose silo scans with a real clamd (the test signature for EICAR) and sweeps often, so a freed file is gone
/// within a test. Uploads are limited to what this clamd scans (64 MB), as production must configure both.
/// </summary>
public sealed class FilesFixture : IAsyncLifetime
{
    public const long MaxUploadBytes = 64L * 1024 * 1024;

    public GoChatStack Stack { get; private set; } = null!;

    /// <summary>The gateway's clock, which signs and checks download links: a test moves it past a link's life.</summary>
    public ShiftableClock GatewayClock { get; } = new();

    public async Task InitializeAsync()
    {
        var clamd = await ClamdServer.Shared;
        Stack = await GoChatStack.StartAsync("files", (builder, service) =>
        {
            builder.Configuration["Files:MaxUploadBytes"] = MaxUploadBytes.ToString();
            if (service == GoChatStack.GatewayService) builder.Services.AddSingleton<TimeProvider>(GatewayClock);
            if (service != GoChatStack.SiloService) return;
            builder.Configuration["Files:Scanning:Clamd:Host"] = clamd.Host;
            builder.Configuration["Files:Scanning:Clamd:Port"] = clamd.Port.ToString();
            builder.Configuration["Files:SweepSeconds"] = "1";
            // This agency allows secret chats' encrypted files: the tests check what they may and may not do.
            builder.Configuration["Files:AllowEncryptedFiles"] = "true";
        });
    }

    public async Task DisposeAsync() => await Stack.DisposeAsync();

    public async Task<T> Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(Stack.ConnectionString);
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Two members of a new direct chat, each with their own tus client.</summary>
    public async Task<Pair> PairAsync()
    {
        var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await bob.SyncAsync();
        var chat = await alice.CreateDirectAsync(bob.UserId);
        return new Pair(this, alice, bob, chat.Id);
    }
}

[CollectionDefinition(Name)]
public sealed class FilesCollection : ICollectionFixture<FilesFixture>
{
    public const string Name = "files";
}

public sealed class Pair(FilesFixture fixture, ChatClient alice, ChatClient bob, Guid chat) : IAsyncDisposable
{
    public ChatClient Alice { get; } = alice;
    public ChatClient Bob { get; } = bob;
    public Guid Chat { get; } = chat;
    public HttpClient AliceHttp { get; } = fixture.Stack.HttpFor(alice.Session.AccessToken);
    public HttpClient BobHttp { get; } = fixture.Stack.HttpFor(bob.Session.AccessToken);
    public TusClient AliceTus => new(AliceHttp);

    /// <summary>Alice sends finished uploads as one message; Bob has it once it reaches him.</summary>
    public async Task<ChatMessage> SendAsync(string caption, params AttachmentInputDtoFor[] uploads)
    {
        var ack = await Alice.Connection.InvokeAsync<SendAck>("SendMessage", new
        {
            ConversationId = Chat.ToString(),
            ClientMessageId = Guid.NewGuid().ToString("N"),
            Text = caption,
            Attachments = uploads.Select(u => new { UploadId = u.UploadId.ToString("N"), u.Kind, u.DurationMs, u.Waveform }).ToArray(),
        });
        await Bob.WaitUntil(c => c.Messages.Any(m => m.ConversationId == Chat && m.Seq == ack.Seq), "the attachment message");
        return Bob.Messages.Single(m => m.ConversationId == Chat && m.Seq == ack.Seq);
    }

    public async ValueTask DisposeAsync()
    {
        AliceHttp.Dispose();
        BobHttp.Dispose();
        await Alice.DisposeAsync();
        await Bob.DisposeAsync();
    }
}

public sealed record AttachmentInputDtoFor(Guid UploadId, AttachmentKind? Kind = null, int? DurationMs = null, string? Waveform = null);
