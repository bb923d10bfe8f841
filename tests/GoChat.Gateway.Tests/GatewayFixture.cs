using Npgsql;

namespace GoChat.Gateway.Tests;

/// <summary>One real silo + gateway on a fresh database, shared by the end-to-end tests; each test uses its own users.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public GoChatStack Stack { get; private set; } = null!;

    private Task<SignIn>? _admin;

    public async Task InitializeAsync() => Stack = await GoChatStack.StartAsync("gateway");

    /// <summary>The bootstrapped platform admin, signed in once: codes per address are rate-limited.</summary>
    public Task<SignIn> PlatformAdmin() => _admin ??= Stack.SignInWithEmailAsync(GoChatStack.PlatformAdminEmail);

    public async Task DisposeAsync() => await Stack.DisposeAsync();

    /// <summary>A handle no other test uses, so tests stay independent on the shared stack.</summary>
    public static string Handle(string name) => $"{name}-{Guid.NewGuid():N}"[..24];

    /// <summary>Rows of the message log matching a condition: how tests prove what was (not) stored.</summary>
    public async Task<long> CountMessages(string condition, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Stack.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM gochat_messages WHERE {condition}", connection);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public Task<long> CountRows(Guid conversationId, string? where = null) =>
        CountMessages("conversation_id = @c" + (where is null ? "" : " AND " + where), ("c", conversationId));

    public Task<long> CountRowsWithText(string text) => CountMessages("body = @b", ("b", text));
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
