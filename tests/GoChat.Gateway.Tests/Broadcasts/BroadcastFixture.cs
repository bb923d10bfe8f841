using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using GoChat.Broadcasts.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GoChat.Gateway.Tests.Broadcasts;

/// <summary>
/// A stack whose silo signs the broadcasts of one agency: a throwaway platform root certifies that agency's key, both
/// made here (never a key in the repository). The agency is created with the id its key was certified for.
/// </summary>
public sealed class BroadcastFixture : GatewayFixture
{
    public const string RootKeyId = "root-test";
    public const string AgencyKeyId = "agency-test";

    private readonly ECDsa _root = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _agencyKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public Guid AgencyId { get; } = Guid.NewGuid();
    public string Domain { get; } = $"b{Guid.NewGuid():N}"[..12] + ".gov.my";
    public PlatformRoots Roots { get; private set; } = null!;

    protected override string DatabasePrefix => "broadcasts";

    protected override void Configure(WebApplicationBuilder builder, string service)
    {
        if (service != GoChatStack.SiloService) return;
        var now = DateTimeOffset.UtcNow;
        var certificate = AgencyKeyCertificate.Issue(AgencyKeyId, AgencyId.ToString("D"), _agencyKey, now.AddDays(-1), now.AddDays(365), RootKeyId, _root);
        var rootPublic = Base64Url.EncodeToString(_root.ExportSubjectPublicKeyInfo());
        Roots = PlatformRoots.FromConfiguration(new Dictionary<string, string> { [RootKeyId] = rootPublic });
        builder.Configuration[$"Broadcasts:Signing:RootPublicKeys:{RootKeyId}"] = rootPublic;
        builder.Configuration["Broadcasts:Signing:Keys:0:KeyId"] = AgencyKeyId;
        builder.Configuration["Broadcasts:Signing:Keys:0:AgencyId"] = AgencyId.ToString("D");
        builder.Configuration["Broadcasts:Signing:Keys:0:PrivateKeyPkcs8"] = Convert.ToBase64String(_agencyKey.ExportPkcs8PrivateKey());
        builder.Configuration["Broadcasts:Signing:Keys:0:Certificate"] = certificate.Encode();
        builder.Configuration["Broadcasts:Signing:Keys:0:Active"] = "true";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = await PlatformAdmin();
        var grains = Stack.SiloServices.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IAgencyGrain>(AgencyId).Create(admin.UserId, "Jabatan Penyiaran Ujian", AgencyCategory.FederalAgency, [Domain]);
    }

    public string NewStaffEmail(string name) => $"{name}.{Guid.NewGuid():N}"[..20] + "@" + Domain;

    /// <summary>A staff member connected and synced: their copy of every broadcast arrives on <see cref="ChatClient.Messages"/>.</summary>
    public async Task<ChatClient> OnlineStaff(string name)
    {
        var signIn = await Stack.SignInWithEmailAsync(NewStaffEmail(name));
        var client = new ChatClient(Stack.GatewayUri, signIn.AsSession());
        await client.StartAsync();
        await client.SyncAsync();
        return client;
    }

    public async Task<SignIn> Admin() => await AgencyAdmin(AgencyId, Domain);

    public async Task<ChannelInfo> CreateChannel(SignIn admin, bool mandatory, string name = "Pekeliling Jabatan")
    {
        using var http = Stack.HttpFor(admin.AccessToken);
        var response = await http.PostAsJsonAsync($"/api/admin/agencies/{AgencyId}/channels",
            new { name, description = "Arahan rasmi", audience = "OwnAgency", mandatory });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ChannelInfo>())!;
    }

    /// <summary>Directory rows of the agency's staff, made at once as an agency's migration would: they are subscribers, never online.</summary>
    public async Task BulkStaff(int count)
    {
        await using var connection = new NpgsqlConnection(Stack.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO gochat_users (id, email, display_name, agency_id, is_external, role, status, created_at, updated_at)
            SELECT gen_random_uuid(), 'bulk' || g || '.' || @tag || '@' || @domain, 'Bulk ' || g, @a, false, 0, 1, now(), now()
            FROM generate_series(1, @n) AS g
            """, connection);
        cmd.Parameters.AddWithValue("a", AgencyId);
        cmd.Parameters.AddWithValue("n", count);
        cmd.Parameters.AddWithValue("tag", Guid.NewGuid().ToString("N")[..8]);
        cmd.Parameters.AddWithValue("domain", Domain);
        await cmd.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BroadcastCollection : ICollectionFixture<BroadcastFixture>
{
    public const string Name = "broadcasts";
}
