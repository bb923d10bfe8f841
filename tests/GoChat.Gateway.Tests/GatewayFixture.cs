using Npgsql;

namespace GoChat.Gateway.Tests;

/// <summary>One real silo + gateway on a fresh database, shared by the end-to-end tests; each test uses its own users.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public GoChatStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await GoChatStack.StartAsync("gateway");

    public async Task DisposeAsync() => await Stack.DisposeAsync();

    /// <summary>A handle no other test uses, so tests stay independent on the shared stack.</summary>
    public static string Handle(string name) => $"{name}-{Guid.NewGuid():N}"[..24];

    public async Task<long> CountRows(Guid conversationId, string? where = null)
    {
        await using var connection = new NpgsqlConnection(Stack.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM gochat_messages WHERE conversation_id = @c {(where is null ? "" : "AND " + where)}", connection);
        cmd.Parameters.AddWithValue("c", conversationId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<long> CountRowsWithText(string text)
    {
        await using var connection = new NpgsqlConnection(Stack.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM gochat_messages WHERE body = @b", connection);
        cmd.Parameters.AddWithValue("b", text);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
