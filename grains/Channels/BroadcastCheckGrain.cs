using System.Security.Cryptography;
using System.Text;
using GoChat.Broadcasts.Text;
using GoChat.Grains.Storage;
using Npgsql;
using Orleans.Concurrency;

namespace GoChat.Grains.Channels;

/// <summary>
/// Finds a channel's TERBUKA broadcast by the SHA-256 of the pasted text's canonical form (marks stripped, NFKC,
/// whitespace collapsed) and checks its signature again: genuine means identical after that form and signed as stored.
/// A classified broadcast is never confirmed, so the check reveals nothing about one.
/// </summary>
[StatelessWorker]
[GrainType("broadcast-check")]
public sealed class BroadcastCheckGrain(NpgsqlDataSource dataSource, BroadcastSigner signer, Microsoft.Extensions.Options.IOptions<BroadcastOptions> levels)
    : Grain, IBroadcastCheckGrain
{
    private static readonly string MessageColumns = string.Join(", ", PostgresMessageLog.Columns.Split(", ").Select(c => "m." + c));

    public async Task<BroadcastCheck> Check(string text)
    {
        var canonical = CanonicalText.Of(text ?? "");
        if (canonical.Length == 0) return new BroadcastCheck(false);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        var lowest = levels.Value.Ordered[0];
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {MessageColumns}, ch.name, a.name
            FROM gochat_messages m JOIN gochat_channels ch ON ch.id = m.conversation_id JOIN gochat_agencies a ON a.id = ch.agency_id
            WHERE m.broadcast IS NOT NULL AND m.broadcast ->> 'textSha256' = @sha AND m.broadcast ->> 'level' = @level AND NOT m.deleted
            ORDER BY m.sent_at LIMIT 1
            """);
        cmd.Parameters.AddWithValue("sha", sha);
        cmd.Parameters.AddWithValue("level", lowest);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return new BroadcastCheck(false);
        var message = PostgresMessageLog.Map(reader);
        var channelName = reader.GetString(PostgresMessageLog.ColumnCount);
        var agencyName = reader.GetString(PostgresMessageLog.ColumnCount + 1);
        // The stored text must still be the one found: a row edited behind the platform's back is not confirmed.
        if (message.Text is null || CanonicalText.Of(message.Text) != canonical) return new BroadcastCheck(false);
        var verification = signer.Verify(message);
        if (verification == BroadcastSignatureCheck.Forged) return new BroadcastCheck(false, Verification: verification.ToString());
        return new BroadcastCheck(true, agencyName, channelName, message.SentAt, verification.ToString());
    }
}
