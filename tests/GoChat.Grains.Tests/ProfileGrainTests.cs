using Npgsql;

namespace GoChat.Grains.Tests;

/// <summary>The profile grain beside the account: the card's fields, the settings, and the account's display name.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ProfileGrainTests(ClusterFixture fixture)
{
    private IProfileGrain Profile(Guid userId) => fixture.Grains.GetGrain<IProfileGrain>(userId);
    private IUserGrain Account(Guid userId) => fixture.Grains.GetGrain<IUserGrain>(userId);

    [Fact]
    public async Task Profile_and_settings_stored_before_the_split_are_kept()
    {
        var users = await fixture.Users(2);
        var user = users[0];
        var settings = new UserSettings(ReadReceipts: false, Notifications: false, Language: "en");
        // A user grain's state as it was stored before the profile had a grain of its own.
        await fixture.RewriteUserState(user, s =>
        {
            s.Position = "Penolong Pengarah";
            s.Department = "Dasar";
            s.StatusText = "Di pejabat";
            s.Availability = Availability.Busy;
            s.PhotoVersion = 42;
            s.Settings = settings;
        });

        var card = await Profile(user).GetCard(user);
        Assert.Equal(("User", "Penolong Pengarah", "Dasar", "Di pejabat", Availability.Busy, 42L),
            (card.DisplayName, card.Position, card.Department, card.StatusText, card.Availability, card.PhotoVersion));
        Assert.Equal(settings, await Profile(user).GetSettings());
        // The conversation list takes the setting from the profile grain: a chat joined now does not share reads.
        var group = Guid.NewGuid();
        await fixture.Grains.GetGrain<IConversationGrain>(group).CreateGroup(users[1], "Tetapan lama", [user]);
        Assert.False(await SharesRead(user, group));

        // Kept by the profile grain from then on, whatever the user grain still holds.
        await fixture.RewriteUserState(user, s =>
        {
            s.Position = null;
            s.Settings = new UserSettings();
        });
        await fixture.Cluster.DeactivateAsync(Profile(user));
        Assert.Equal(card, await Profile(user).GetCard(user));
        Assert.Equal(settings, await Profile(user).GetSettings());
    }

    [Fact]
    public async Task A_new_display_name_is_the_accounts_and_a_refused_field_renames_nothing()
    {
        var user = (await fixture.Users(1))[0];
        var card = await Profile(user).UpdateProfile(new ProfileUpdate("Siti Nur", "Pengarah", "Dasar"));
        Assert.Equal("Siti Nur", (await Account(user).GetAccount())!.DisplayName);
        Assert.Equal(("Siti Nur", "Pengarah"), await DirectoryRow(user));

        var tooLong = new string('x', Limits.MaxStatusTextLength + 1);
        var refused = await Assert.ThrowsAsync<GoChatException>(() => Profile(user).UpdateProfile(new ProfileUpdate("Nama Lain", "Pengarah", "Dasar", tooLong)));

        Assert.Equal(ErrorCodes.InvalidArgument, refused.Code);
        Assert.Equal("Siti Nur", (await Account(user).GetAccount())!.DisplayName);
        Assert.Equal(card, await Profile(user).GetProfile());
        Assert.Equal(("Siti Nur", "Pengarah"), await DirectoryRow(user));
    }

    [Fact]
    public async Task A_person_without_an_account_has_no_profile_to_change()
    {
        var nobody = Guid.NewGuid();
        Assert.Null(await Profile(nobody).GetProfile());
        var refused = await Assert.ThrowsAsync<GoChatException>(() => Profile(nobody).UpdateSettings(new UserSettings(Language: "en")));
        Assert.Equal(ErrorCodes.UserNotFound, refused.Code);
    }

    private async Task<(string Name, string? Position)> DirectoryRow(Guid user)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT display_name, position FROM gochat_users WHERE id = @u", connection);
        cmd.Parameters.AddWithValue("u", user);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no directory row");
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private async Task<bool> SharesRead(Guid user, Guid conversation)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT shares_read FROM gochat_cursors WHERE user_id = @u AND conversation_id = @c", connection);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("c", conversation);
        return (bool)(await cmd.ExecuteScalarAsync() ?? throw new InvalidOperationException("no cursor row"));
    }
}
