using System.Security.Cryptography;
using System.Text;
using GoChat.Client.Secret;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests.Secret;

/// <summary>
/// History that never locks (issue 17, item 5): a user's history key, wrapped under their encryption passcode and a
/// share from the PKCS#11 token, restores on a new device; ten wrong passcodes lock it; the database alone opens nothing.
/// </summary>
[Collection(SecretBackupCollection.Name)]
public sealed class PasscodeBackupTests(SecretBackupFixture fixture)
{
    private const string Passcode = "482915";

    [Fact]
    public async Task A_new_device_restored_with_the_passcode_reads_the_history_the_old_device_saved()
    {
        var handle = GatewayFixture.Handle("sulaiman");
        await using var old = await fixture.Stack.ConnectAsync(handle);
        await using var peer = await fixture.Stack.ConnectAsync(GatewayFixture.Handle("rakan"));
        var chat = (await old.CreateDirectAsync(peer.UserId)).Id;

        var historyKey = HistoryKey.Generate();
        await SetUp(old, historyKey, Passcode);
        var texts = new[] { "Minit mesyuarat 12/2026", "Lampiran B: anggaran RM 48,000", "Jangan kongsi di luar jabatan" };
        await old.Connection.InvokeAsync("SaveSecretHistory", texts.Select((t, i) => Entry(historyKey, chat, i + 1, t)).ToArray());

        // Another sign-in of the same user: a device that never held the history key.
        await using var fresh = await fixture.Stack.ConnectAsync(handle);
        Assert.Equal(old.UserId, fresh.UserId);
        var restored = await Restore(fresh, Passcode);
        var entries = await fresh.Connection.InvokeAsync<IReadOnlyList<SecretHistoryEntry>>("ReadSecretHistory", chat.ToString(), 0L, 100);
        Assert.Equal(texts, entries.Select(e => Encoding.UTF8.GetString(restored.Open(chat, e.Seq, e.Blob))));

        // The server holds the entries, not their words.
        foreach (var text in texts)
        {
            Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_secret_history WHERE position(@t IN blob) > 0", ("t", Encoding.UTF8.GetBytes(text))));
        }
        // Someone outside the chat cannot tell it has any history, or exists.
        await using var stranger = await fixture.Stack.ConnectAsync(GatewayFixture.Handle("orang"));
        await AssertRefused(ErrorCodes.ConversationNotFound, () => stranger.Connection.InvokeAsync<IReadOnlyList<SecretHistoryEntry>>("ReadSecretHistory", chat.ToString(), 0L, 100));
    }

    [Fact]
    public async Task Nine_wrong_passcodes_leave_one_try_the_tenth_locks_and_the_right_one_is_refused_after()
    {
        await using var device = await fixture.Stack.ConnectAsync(GatewayFixture.Handle("lupa"));
        await SetUp(device, HistoryKey.Generate(), Passcode);
        var status = await device.Connection.InvokeAsync<SecretBackupStatus>("GetSecretBackup");
        var wrong = PasscodeBackup.Stretch("000000", status.Salt!, status.Iterations);

        for (var i = 1; i <= 9; i++)
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => device.Connection.InvokeAsync<SecretBackupOpened>("OpenSecretBackup", status.Version, wrong.Proof));
            Assert.Equal(ErrorCodes.SecretPasscodeWrong, HubErrors.Code(refused));
            Assert.Contains($"{10 - i} {(10 - i == 1 ? "try" : "tries")} left", refused.Message);
        }
        Assert.Equal(1, (await device.Connection.InvokeAsync<SecretBackupStatus>("GetSecretBackup")).TriesLeft);

        var tenth = await Assert.ThrowsAsync<HubException>(() => device.Connection.InvokeAsync<SecretBackupOpened>("OpenSecretBackup", status.Version, wrong.Proof));
        Assert.Equal(ErrorCodes.SecretBackupLocked, HubErrors.Code(tenth));
        var right = PasscodeBackup.Stretch(Passcode, status.Salt!, status.Iterations);
        var eleventh = await Assert.ThrowsAsync<HubException>(() => device.Connection.InvokeAsync<SecretBackupOpened>("OpenSecretBackup", status.Version, right.Proof));
        Assert.Equal(ErrorCodes.SecretBackupLocked, HubErrors.Code(eleventh));

        var locked = await device.Connection.InvokeAsync<SecretBackupStatus>("GetSecretBackup");
        Assert.NotNull(locked.LockedAt);
        Assert.Equal(0, locked.TriesLeft);
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_audit_log WHERE action = 'secret.backup_locked' AND actor_id = @u", ("u", device.UserId)));

        // A new backup (a new history key) opens again; what only the old key read is lost, as the user was told.
        var newKey = HistoryKey.Generate();
        await SetUp(device, newKey, "731904");
        var reopened = await Restore(device, "731904");
        var probe = reopened.Seal(Guid.Empty, 1, "x"u8);
        Assert.Equal("x", Encoding.UTF8.GetString(newKey.Open(Guid.Empty, 1, probe)));
    }

    [Fact]
    public async Task A_right_passcode_starts_the_count_again()
    {
        await using var device = await fixture.Stack.ConnectAsync(GatewayFixture.Handle("semula"));
        await SetUp(device, HistoryKey.Generate(), Passcode);
        var status = await device.Connection.InvokeAsync<SecretBackupStatus>("GetSecretBackup");
        var wrong = PasscodeBackup.Stretch("111111", status.Salt!, status.Iterations);
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<HubException>(() => device.Connection.InvokeAsync<SecretBackupOpened>("OpenSecretBackup", status.Version, wrong.Proof));
        }
        Assert.Equal(5, (await device.Connection.InvokeAsync<SecretBackupStatus>("GetSecretBackup")).TriesLeft);
        await Restore(device, Passcode);
        Assert.Equal(10, (await device.Connection.InvokeAsync<SecretBackupStatus>("GetSecretBackup")).TriesLeft);
    }

    [Fact]
    public async Task The_database_alone_with_the_right_passcode_does_not_open_the_backup()
    {
        await using var device = await fixture.Stack.ConnectAsync(GatewayFixture.Handle("curi"));
        var historyKey = HistoryKey.Generate();
        var share = await SetUp(device, historyKey, Passcode);

        // What a thief of the database has: every column of the row. The share is in none of them, nor anywhere else.
        var salt = await fixture.Scalar<byte[]>("SELECT salt FROM gochat_secret_backups WHERE user_id = @u", ("u", device.UserId));
        var iterations = await fixture.Scalar<int>("SELECT iterations FROM gochat_secret_backups WHERE user_id = @u", ("u", device.UserId));
        var wrapped = await fixture.Scalar<byte[]>("SELECT wrapped_key FROM gochat_secret_backups WHERE user_id = @u", ("u", device.UserId));
        var verifier = await fixture.Scalar<byte[]>("SELECT verifier FROM gochat_secret_backups WHERE user_id = @u", ("u", device.UserId));
        Assert.Equal(0L, await fixture.Scalar<long>(
            "SELECT count(*) FROM gochat_secret_backups WHERE position(@s IN salt || verifier || wrapped_key) > 0", ("s", share.Share)));

        // Right passcode, the row's salt: without the share every candidate a thief can form from the row fails.
        var stretched = PasscodeBackup.Stretch(Passcode, salt, iterations);
        foreach (var candidate in new[] { new byte[32], verifier, stretched.Proof, SHA256.HashData(verifier) })
        {
            Assert.ThrowsAny<CryptographicException>(() => PasscodeBackup.Unwrap(wrapped, stretched, candidate, device.UserId, share.Version));
        }
        // And the verifier is not something the passcode alone yields: it is the token's MAC of the proof.
        Assert.NotEqual(stretched.Proof, verifier);
        Assert.NotEqual(SHA256.HashData(stretched.Proof), verifier);
        // With the token's share it opens: the share is what was missing.
        var opened = PasscodeBackup.Unwrap(wrapped, stretched, share.Share, device.UserId, share.Version);
        var probe = historyKey.Seal(Guid.Empty, 7, "y"u8);
        Assert.Equal("y", Encoding.UTF8.GetString(opened.Open(Guid.Empty, 7, probe)));
    }

    [Fact]
    public async Task Bad_setups_and_history_for_a_chat_the_user_is_not_in_change_nothing()
    {
        await using var device = await fixture.Stack.ConnectAsync(GatewayFixture.Handle("salah"));
        var share = await device.Connection.InvokeAsync<SecretBackupShare>("BeginSecretBackup");
        var salt = PasscodeBackup.NewSalt();
        var stretched = PasscodeBackup.Stretch(Passcode, salt);
        var wrapped = PasscodeBackup.Wrap(HistoryKey.Generate(), stretched, share.Share, device.UserId, share.Version);

        await AssertRefused(ErrorCodes.SecretBackupInvalid, () => device.Connection.InvokeAsync<SecretBackupStatus>("CompleteSecretBackup",
            new SecretBackupSetupInputDto(share.Version, salt, 1000, stretched.Proof, wrapped)));
        await AssertRefused(ErrorCodes.SecretBackupInvalid, () => device.Connection.InvokeAsync<SecretBackupStatus>("CompleteSecretBackup",
            new SecretBackupSetupInputDto(share.Version + 1, salt, PasscodeBackup.Iterations, stretched.Proof, wrapped)));
        await AssertRefused(ErrorCodes.SecretBackupInvalid, () => device.Connection.InvokeAsync<SecretBackupStatus>("CompleteSecretBackup",
            new SecretBackupSetupInputDto(share.Version, salt, PasscodeBackup.Iterations, stretched.Proof[..16], wrapped)));
        Assert.False((await device.Connection.InvokeAsync<SecretBackupStatus>("GetSecretBackup")).Exists);
        await AssertRefused(ErrorCodes.SecretBackupMissing, () => device.Connection.InvokeAsync<SecretBackupOpened>("OpenSecretBackup", 1, stretched.Proof));

        var stranger = Guid.NewGuid();
        await AssertRefused(ErrorCodes.ConversationNotFound, () => device.Connection.InvokeAsync("SaveSecretHistory",
            new[] { new SecretHistoryEntryInputDto(stranger.ToString(), 1, new byte[40]) }));
        await AssertRefused(ErrorCodes.SecretHistoryInvalid, () => device.Connection.InvokeAsync("SaveSecretHistory", Array.Empty<SecretHistoryEntryInputDto>()));
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_secret_history WHERE user_id = @u", ("u", device.UserId)));
    }

    /// <summary>The device's whole setup: share, stretch, wrap, complete. Returns the share, for the tests that play the thief.</summary>
    private static async Task<SecretBackupShare> SetUp(ChatClient device, HistoryKey key, string passcode)
    {
        var share = await device.Connection.InvokeAsync<SecretBackupShare>("BeginSecretBackup");
        var salt = PasscodeBackup.NewSalt();
        var stretched = PasscodeBackup.Stretch(passcode, salt);
        var wrapped = PasscodeBackup.Wrap(key, stretched, share.Share, device.UserId, share.Version);
        var status = await device.Connection.InvokeAsync<SecretBackupStatus>("CompleteSecretBackup",
            new SecretBackupSetupInputDto(share.Version, salt, PasscodeBackup.Iterations, stretched.Proof, wrapped));
        Assert.True(status.Exists);
        Assert.Equal(share.Version, status.Version);
        return share;
    }

    private static async Task<HistoryKey> Restore(ChatClient device, string passcode)
    {
        var status = await device.Connection.InvokeAsync<SecretBackupStatus>("GetSecretBackup");
        var stretched = PasscodeBackup.Stretch(passcode, status.Salt!, status.Iterations);
        var opened = await device.Connection.InvokeAsync<SecretBackupOpened>("OpenSecretBackup", status.Version, stretched.Proof);
        return PasscodeBackup.Unwrap(opened.WrappedKey, stretched, opened.Share, device.UserId, opened.Version);
    }

    private static SecretHistoryEntryInputDto Entry(HistoryKey key, Guid chat, long seq, string text) =>
        new(chat.ToString(), seq, key.Seal(chat, seq, Encoding.UTF8.GetBytes(text)));

    private static async Task AssertRefused(string code, Func<Task> call) =>
        Assert.Equal(code, HubErrors.Code(await Assert.ThrowsAsync<HubException>(call)));

    private sealed record SecretBackupSetupInputDto(int Version, byte[] Salt, int Iterations, byte[] Proof, byte[] WrappedKey);

    private sealed record SecretHistoryEntryInputDto(string ConversationId, long Seq, byte[] Blob);
}
