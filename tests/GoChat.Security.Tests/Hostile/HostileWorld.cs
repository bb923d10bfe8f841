using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GoChat.Security.Tests.Hostile;

/// <summary>
/// The objects the hostile cases aim at (a hostile staff user H of agency A who owns a group with P, their direct
/// chat, A's admin, and agency B's user, group and pending user as "other agency" ids), and the three checks after
/// every batch: nothing changed in the database, nothing changed after the grains are deactivated, still healthy.
/// </summary>
public sealed class HostileWorld : IAsyncLifetime
{
    public SecurityStack Security { get; private set; } = null!;
    public Principal Platform { get; private set; } = null!;
    public Principal H { get; private set; } = null!;
    public Principal P { get; private set; } = null!;
    public Principal AdminA { get; private set; } = null!;
    public AgencyInfo AgencyA { get; private set; } = null!;
    public AgencyInfo AgencyB { get; private set; } = null!;
    public string DomainA { get; private set; } = "";
    public Guid Group { get; private set; }
    public Guid Direct { get; private set; }
    public long HMessage { get; private set; }
    public Guid UserB { get; private set; }
    public Guid GroupB { get; private set; }
    public Guid PendingB { get; private set; }
    public Guid PendingA { get; private set; }
    public HubConnection PHub { get; private set; } = null!;
    private readonly Dictionary<bool, HubConnection> _hHubs = [];
    private int _received;
    private readonly SemaphoreSlim _arrived = new(0);

    public async Task InitializeAsync()
    {
        Security = await SecurityStack.StartAsync("hostile");
        Platform = await Security.SignIn(GoChatStack.PlatformAdminEmail, "platform");
        DomainA = SecurityStack.NewDomain();
        var domainB = SecurityStack.NewDomain();
        AgencyA = await Security.CreateAgency(Platform, DomainA);
        AgencyB = await Security.CreateAgency(Platform, domainB);
        H = await Security.SignIn(SecurityStack.StaffEmail(DomainA), "H");
        P = await Security.SignIn(SecurityStack.StaffEmail(DomainA), "P");
        AdminA = await Security.AgencyAdmin(Platform, DomainA, "AdminA");
        var b = await Security.SignIn(SecurityStack.StaffEmail(domainB), "B");
        UserB = b.UserId;
        PendingA = await Security.PendingExternal(AgencyA.Id);
        PendingB = await Security.PendingExternal(AgencyB.Id);

        await using (var bHub = Security.Hub(b.AccessToken, false))
        {
            await bHub.StartAsync();
            GroupB = (await bHub.InvokeAsync<ConversationInfo>("CreateGroup", "Kumpulan B", Array.Empty<string>())).Id;
        }
        var h = await HHub(false);
        Group = (await h.InvokeAsync<ConversationInfo>("CreateGroup", "Kumpulan H", new[] { P.UserId.ToString() })).Id;
        Direct = (await h.InvokeAsync<ConversationInfo>("CreateDirectConversation", P.UserId.ToString())).Id;
        HMessage = (await Authorization.MatrixWorld.Send(h, Group, "Pesanan asal")).Seq;

        PHub = Security.Hub(P.AccessToken, false);
        PHub.On<ChatMessage>("MessageReceived", m =>
        {
            if (m.ConversationId != Group || m.SenderId != H.UserId) return;
            Interlocked.Increment(ref _received);
            _arrived.Release();
        });
        await PHub.StartAsync();
        await PHub.InvokeAsync<object>("Sync", (object?)null);
    }

    /// <summary>H's hub connection over the protocol, opened again if a case (an oversize frame) closed it.</summary>
    public async Task<HubConnection> HHub(bool messagePack)
    {
        if (_hHubs.TryGetValue(messagePack, out var open) && open.State == HubConnectionState.Connected) return open;
        if (open is not null) await open.DisposeAsync();
        var hub = Security.Hub(H.AccessToken, messagePack);
        await hub.StartAsync();
        await hub.InvokeAsync<object>("Sync", (object?)null);
        _hHubs[messagePack] = hub;
        return hub;
    }

    /// <summary>
    /// md5 over the rows of every gochat_* table and the grain storage table, ordered. Left out: the membership and
    /// reminder tables (the cluster's own), columns that move by themselves (storage version and modifiedon,
    /// updated_at), and the presence grains' state (last seen, moved by connections closing). Audit rows that record a refusal (action ending in ".refused" or ".denied") may appear.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> Checksum()
    {
        await using var connection = new NpgsqlConnection(Security.Stack.ConnectionString);
        await connection.OpenAsync();
        var columns = new Dictionary<string, List<string>>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND (table_name LIKE 'gochat\_%' OR table_name = 'orleansstorage')
              AND column_name NOT IN ('modifiedon', 'updated_at') AND NOT (table_name = 'orleansstorage' AND column_name = 'version')
            ORDER BY table_name, ordinal_position
            """, connection))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!columns.TryGetValue(table, out var list)) columns[table] = list = [];
                list.Add(reader.GetString(1));
            }
        }
        var sums = new Dictionary<string, string>();
        foreach (var (table, list) in columns)
        {
            var row = string.Join(", ", list.Select(c => $"\"{c}\""));
            var where = table switch
            {
                "gochat_audit_log" => "WHERE action NOT LIKE '%.refused' AND action NOT LIKE '%.denied'",
                // A user's last seen is stored a moment after their last connection closes, whenever that is: the
                // world's own connections coming and going move it, no hostile input does (SetAway keeps it in memory).
                "orleansstorage" => "WHERE graintypestring NOT ILIKE '%presence%'",
                _ => "",
            };
            await using var cmd = new NpgsqlCommand($"SELECT coalesce(md5(string_agg(r, '|' ORDER BY r)), '') || ':' || count(*) FROM (SELECT ROW({row})::text AS r FROM {table} {where}) t", connection);
            sums[table] = (string)(await cmd.ExecuteScalarAsync())!;
        }
        return sums;
    }

    /// <summary>The objects the cases aim at, read through the API: H's account, card and settings, H's group and
    /// its newest history, A's people as its admin sees them, the agencies.</summary>
    public async Task<string> ReadBack()
    {
        var text = new StringBuilder();
        using (var http = Security.Http(H))
        {
            foreach (var path in new[] { "/api/me", "/api/me/profile", "/api/me/settings", "/api/me/devices", $"/api/users/{P.UserId}" })
            {
                text.Append(path).Append(": ").AppendLine(await http.GetStringAsync(path));
            }
        }
        using (var admin = Security.Http(AdminA))
        {
            text.AppendLine(await admin.GetStringAsync($"/api/admin/agencies/{AgencyA.Id}/users"));
        }
        using (var platform = Security.Http(Platform))
        {
            text.AppendLine(await platform.GetStringAsync($"/api/admin/agencies/{AgencyB.Id}/users"));
        }
        text.AppendLine(await Security.Stack.Http.GetStringAsync("/api/agencies"));
        var hub = await HHub(false);
        foreach (var conversation in new[] { Group, Direct })
        {
            var info = await hub.InvokeAsync<ConversationInfo>("GetConversation", conversation.ToString());
            text.AppendLine($"{info.Id} {info.Name} {info.LastSeq} {string.Join(",", info.Members.OrderBy(m => m.UserId).Select(m => $"{m.UserId}:{m.Role}"))}");
            var history = await hub.InvokeAsync<List<ChatMessage>>("GetHistory", conversation.ToString(), long.MaxValue, 50);
            foreach (var m in history) text.AppendLine($"{m.Seq} {m.Kind} {m.SenderId} {m.Text} {m.EditedAt} {m.Deleted}");
        }
        return text.ToString();
    }

    /// <summary>Every idle activation goes, so the next read comes from storage rather than from memory.</summary>
    public Task Deactivate() =>
        Security.Stack.SiloServices.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    /// <summary>GET /health/ready answers 200, and a message H sends reaches P live.</summary>
    public async Task<string?> Unhealthy()
    {
        using var ready = await Security.Stack.Http.GetAsync("/health/ready");
        if (ready.StatusCode != HttpStatusCode.OK) return $"/health/ready answered {(int)ready.StatusCode}";
        var before = Volatile.Read(ref _received);
        try
        {
            await Authorization.MatrixWorld.Send(await HHub(false), Group, "Masih sihat?");
        }
        catch (Exception ex)
        {
            return $"a normal send failed: {ex.Message}";
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Volatile.Read(ref _received) <= before)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left)) return "P did not receive H's message within 30 s";
        }
        return null;
    }

    public async Task DisposeAsync()
    {
        foreach (var hub in _hHubs.Values) await hub.DisposeAsync();
        if (PHub is not null) await PHub.DisposeAsync();
        if (Security is not null) await Security.DisposeAsync();
    }
}
