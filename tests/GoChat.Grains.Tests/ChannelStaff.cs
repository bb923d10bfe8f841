using Npgsql;

namespace GoChat.Grains.Tests;

/// <summary>Agencies and their staff for channel tests: accounts made as registration makes them, or thousands at once in SQL.</summary>
public sealed class ChannelStaff(ClusterFixture fixture)
{
    private Guid? _platformAdmin;

    public async Task<Guid> PlatformAdmin() => _platformAdmin ??= await Account(null, UserRole.PlatformAdmin);

    public async Task<Guid> Agency(string name)
    {
        var id = Guid.NewGuid();
        await fixture.Grains.GetGrain<IAgencyGrain>(id).Create(await PlatformAdmin(), name, AgencyCategory.FederalAgency, []);
        return id;
    }

    /// <summary>An active account, as sign-in creates it (mandatory channels of its audience enrol it).</summary>
    public async Task<Guid> Account(Guid? agencyId, UserRole role = UserRole.User, bool external = false)
    {
        var id = Guid.NewGuid();
        var email = $"s{id:N}@test.gov.my";
        await fixture.Grains.GetGrain<IUserGrain>(id).CreateAccount(new AccountSetup(email, "Staff " + id.ToString("N")[..6], agencyId, external, role, AccountStatus.Active));
        return id;
    }

    /// <summary>Directory rows only, as a migration from an older directory would leave them: fast enough for 10,000.</summary>
    public async Task<IReadOnlyList<Guid>> BulkStaff(Guid agencyId, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO gochat_users (id, email, display_name, agency_id, is_external, role, status, created_at, updated_at)
            SELECT u, 'b' || replace(u::text, '-', '') || '@test.gov.my', 'Bulk', @a, false, 0, 1, now(), now() FROM unnest(@ids) AS x(u)
            """, connection);
        cmd.Parameters.AddWithValue("a", agencyId);
        cmd.Parameters.AddWithValue("ids", ids);
        await cmd.ExecuteNonQueryAsync();
        return ids;
    }
}
