using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Security.Tests.Authorization;

/// <summary>The columns of the matrix: who calls, and on whose objects ("OnB": agency B's objects, else A's).</summary>
public enum Who
{
    Anonymous,
    /// <summary>An external user still waiting for approval, holding an access token minted for that account.</summary>
    Pending,
    /// <summary>An approved external user of A, limited to A (the default), acting on A's objects.</summary>
    ExternalOnA,
    ExternalOnB,
    /// <summary>Staff of A who owns A's group and is in A's direct chat.</summary>
    Member,
    /// <summary>Staff of A in no conversation: the ordinary user of the own agency.</summary>
    NonMember,
    /// <summary>Staff of B acting on A's objects.</summary>
    OtherAgency,
    AdminAOnA,
    AdminAOnB,
    PlatformAdmin,
}

/// <summary>One agency's objects: its people, a group its Member owns (with Subject in it) and their direct chat.</summary>
public sealed class Side
{
    public required AgencyInfo Agency { get; init; }
    public required string Domain { get; init; }
    public required Principal Member { get; init; }
    public required Principal Subject { get; init; }
    public required HubConnection MemberHub { get; init; }
    public required Guid Group { get; init; }
    public required Guid Direct { get; init; }
    /// <summary>A text of Member's in the group (edits target it).</summary>
    public required long MemberMessage { get; init; }
    /// <summary>A mandatory channel of the agency (every staff member is in it), created by the platform admin, its channel admin.</summary>
    public required Guid Channel { get; init; }
    /// <summary>A TERHAD broadcast in that channel.</summary>
    public required long Broadcast { get; init; }
}

/// <summary>
/// The real objects the matrix acts on, built once per test class through the public API: agencies A and B with
/// their domains, staff in each, a group and a direct chat, an approved external user, a pending one, admins.
/// </summary>
public sealed class MatrixWorld : IAsyncLifetime
{
    private readonly Dictionary<Who, Principal> _sessions = [];
    private readonly Dictionary<(Who, bool), HubConnection> _hubs = [];
    private readonly SemaphoreSlim _hubLock = new(1);

    public SecurityStack Security { get; private set; } = null!;
    public Side A { get; private set; } = null!;
    public Side B { get; private set; } = null!;
    public Principal Platform => _sessions[Who.PlatformAdmin];
    /// <summary>B's agency admin, who asks for B's domains (A's is the AdminA column's principal, renewed with it).</summary>
    private Principal _adminB = null!;
    public string DevHandle { get; } = "matriks-dev";

    /// <summary>A 1x1 PNG: a real image that any decoder accepts.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public async Task InitializeAsync()
    {
        Security = await SecurityStack.StartAsync("matrix");
        var platform = await Security.SignIn(GoChatStack.PlatformAdminEmail, nameof(Who.PlatformAdmin));
        _sessions[Who.PlatformAdmin] = platform;
        A = await BuildSide("A", platform);
        B = await BuildSide("B", platform);

        _sessions[Who.Member] = A.Member;
        _sessions[Who.NonMember] = await Security.SignIn(SecurityStack.StaffEmail(A.Domain), nameof(Who.NonMember));
        _sessions[Who.OtherAgency] = await Security.SignIn(SecurityStack.StaffEmail(B.Domain), nameof(Who.OtherAgency));
        var adminA = await Security.AgencyAdmin(platform, A.Domain, "AdminA");
        _sessions[Who.AdminAOnA] = _sessions[Who.AdminAOnB] = adminA;
        _adminB = await Security.AgencyAdmin(platform, B.Domain, "AdminB");

        var externalEmail = SecurityStack.ExternalEmail();
        var registered = await Security.Stack.RegisterAsync(externalEmail, A.Agency.Id);
        var pendingExternal = (await registered.Content.ReadFromJsonAsync<PendingAnswer>())!;
        using (var http = Security.Http(adminA)) await SecurityStack.Ensure(await http.PostAsync($"/api/admin/users/{pendingExternal.UserId}/approve", null));
        var external = await Security.SignIn(externalEmail, "External");
        var account = await Security.Grains.GetGrain<IUserGrain>(external.UserId).GetAccount();
        if (account is not { IsExternal: true, CanSeeAllAgencies: false }) throw new InvalidOperationException("The external user should be limited to their agency.");
        _sessions[Who.ExternalOnA] = _sessions[Who.ExternalOnB] = external;

        _sessions[Who.Pending] = await Security.MintedFor(await Security.PendingExternal(A.Agency.Id), nameof(Who.Pending));
        await SecurityStack.Ensure(await Security.Stack.Http.PostAsJsonAsync("/api/dev/sign-in", new { handle = DevHandle }));
    }

    private async Task<Side> BuildSide(string name, Principal platform)
    {
        var domain = SecurityStack.NewDomain();
        var agency = await Security.CreateAgency(platform, domain);
        var member = await Security.SignIn(SecurityStack.StaffEmail(domain), $"Member{name}");
        var subject = await Security.SignIn(SecurityStack.StaffEmail(domain), $"Subject{name}");
        using (var http = Security.Http(subject))
        {
            var photo = new ByteArrayContent(Png);
            photo.Headers.ContentType = new("image/png");
            await SecurityStack.Ensure(await http.PutAsync("/api/me/photo", photo));
        }
        var hub = Security.Hub(member.AccessToken, messagePack: false);
        await hub.StartAsync();
        var group = await hub.InvokeAsync<ConversationInfo>("CreateGroup", $"Kumpulan {name}", new[] { subject.UserId.ToString() });
        var direct = await hub.InvokeAsync<ConversationInfo>("CreateDirectConversation", subject.UserId.ToString());
        var sent = await Send(hub, group.Id, "Selamat pagi");
        var channel = Security.Grains.GetGrain<IChannelGrain>(ConversationIds.NewChannel());
        var info = await channel.Create(platform.UserId, agency.Id, new NewChannel($"Saluran {name}", null, ChannelAudience.OwnAgency, Mandatory: true));
        var broadcast = await channel.Post(platform.UserId, new BroadcastRequest(Guid.NewGuid().ToString("N"), "Hebahan terhad", "TERHAD"));
        return new Side
        {
            Agency = agency, Domain = domain, Member = member, Subject = subject, MemberHub = hub,
            Group = group.Id, Direct = direct.Id, MemberMessage = sent.Seq, Channel = info.Id, Broadcast = broadcast.Seq,
        };
    }

    public static Task<SendAck> Send(HubConnection hub, Guid conversation, string text) =>
        hub.InvokeAsync<SendAck>("SendMessage", new { ConversationId = conversation.ToString(), ClientMessageId = Guid.NewGuid().ToString("N"), Text = text });

    public Principal? Session(Who who) => who == Who.Anonymous ? null : _sessions[who];

    public Side SideOf(Who who) => who is Who.ExternalOnB or Who.AdminAOnB ? B : A;

    /// <summary>After a cell that ended every session of its principal: a new sign-in of the same account.</summary>
    public async Task Renew(Who who)
    {
        if (who is Who.Anonymous or Who.Pending) return;
        var old = _sessions[who];
        var fresh = await Security.NewSession(old.UserId, old.Name);
        foreach (var (key, value) in _sessions.ToList()) if (value.UserId == old.UserId) _sessions[key] = fresh;
        await _hubLock.WaitAsync();
        try
        {
            foreach (var key in _hubs.Keys.Where(k => _sessions[k.Item1].UserId == old.UserId).ToList())
            {
                await _hubs[key].DisposeAsync();
                _hubs.Remove(key);
            }
        }
        finally
        {
            _hubLock.Release();
        }
    }

    /// <summary>The principal's open hub connection over the protocol, opened on first use and again if it closed.</summary>
    public async Task<HubConnection> Hub(Who who, bool messagePack)
    {
        await _hubLock.WaitAsync();
        try
        {
            if (_hubs.TryGetValue((who, messagePack), out var open) && open.State == HubConnectionState.Connected) return open;
            if (open is not null) await open.DisposeAsync();
            var hub = Security.Hub(_sessions[who].AccessToken, messagePack);
            await hub.StartAsync();
            _hubs[(who, messagePack)] = hub;
            return hub;
        }
        finally
        {
            _hubLock.Release();
        }
    }

    // Fresh objects for cells whose allowed answer uses something up (a pending user approved, a member removed).

    public async Task<Guid> FreshStaff(Side side) => (await Security.SignIn(SecurityStack.StaffEmail(side.Domain), "fresh")).UserId;

    public Task<Guid> FreshPending(Side side) => Security.PendingExternal(side.Agency.Id);

    public async Task<Guid> FreshSuspended(Side side)
    {
        var user = await FreshStaff(side);
        using var http = Security.Http(Platform);
        await SecurityStack.Ensure(await http.PostAsync($"/api/admin/users/{user}/suspend", null));
        return user;
    }

    public async Task<string> FreshDomainOf(Side side)
    {
        var domain = SecurityStack.NewDomain();
        using var http = Security.Http(Platform);
        await SecurityStack.Ensure(await http.PostAsJsonAsync($"/api/admin/agencies/{side.Agency.Id}/domains", new { domain }));
        return domain;
    }

    public Side Other(Side side) => side == A ? B : A;

    /// <summary>
    /// A domain inside <paramref name="side"/>'s domain that a platform admin placed with the other agency: it waits for
    /// the consent of <paramref name="side"/>'s admins (docs/security/domains.md, rule 5).
    /// </summary>
    public async Task<string> FreshRequestAwaitingConsentOf(Side side)
    {
        var domain = $"u{Guid.NewGuid():N}"[..10] + "." + side.Domain;
        using var http = Security.Http(Platform);
        var response = await http.PostAsJsonAsync($"/api/admin/agencies/{Other(side).Agency.Id}/domains", new { domain });
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted) throw new InvalidOperationException($"Expected a pending request, got {(int)response.StatusCode}.");
        return domain;
    }

    /// <summary>A new domain <paramref name="side"/>'s own admin asked for: it waits for a platform admin's approval (rule 6).</summary>
    public async Task<string> FreshRequestAwaitingApprovalBy(Side side)
    {
        var domain = SecurityStack.NewDomain();
        using var http = Security.Http(side == A ? _sessions[Who.AdminAOnA] : _adminB);
        var response = await http.PostAsJsonAsync($"/api/admin/agencies/{side.Agency.Id}/domains", new { domain });
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted) throw new InvalidOperationException($"Expected a pending request, got {(int)response.StatusCode}.");
        return domain;
    }

    public async Task<Guid> FreshGroupMember(Side side)
    {
        var user = await FreshStaff(side);
        await side.MemberHub.InvokeAsync<ConversationInfo>("AddMembers", side.Group.ToString(), new[] { user.ToString() });
        return user;
    }

    public async Task<Guid> FreshGroup(Side side) =>
        (await side.MemberHub.InvokeAsync<ConversationInfo>("CreateGroup", "Kumpulan sementara", new[] { side.Subject.UserId.ToString() })).Id;

    /// <summary>
    /// A group of the side's member with a photo, which no other cell removes. Made through the grains: the member's
    /// hub connection may be between sessions when this cell runs.
    /// </summary>
    public async Task<Guid> FreshGroupWithPhoto(Side side)
    {
        var grains = Security.Stack.SiloServices.GetRequiredService<IGrainFactory>();
        var group = grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await group.CreateGroup(side.Member.UserId, "Kumpulan bergambar", [side.Subject.UserId]);
        await group.SetPhoto(side.Member.UserId, "image/png", Png);
        return group.GetPrimaryKey();
    }

    /// <summary>A mandatory channel of the side's agency with a picture, which no other cell removes; the platform admin is its admin.</summary>
    public async Task<Guid> FreshChannelWithPhoto(Side side)
    {
        var channel = Security.Grains.GetGrain<IChannelGrain>(ConversationIds.NewChannel());
        await channel.Create(Platform.UserId, side.Agency.Id, new NewChannel("Saluran bergambar", null, ChannelAudience.OwnAgency, Mandatory: true));
        await channel.SetPhoto(Platform.UserId, "image/png", Png);
        return channel.GetPrimaryKey();
    }

    /// <summary>An upload of the side's Member with 10 of its 100 bytes in.</summary>
    public async Task<Guid> FreshUpload(Side side)
    {
        // A session of its own: a cell that signs the Member out everywhere must not break the next one.
        using var http = Security.Http(await Security.NewSession(side.Member.UserId, side.Member.Name));
        var tus = new TusClient(http);
        var upload = await tus.CreateAsync("matriks.pdf", null, 100);
        await tus.PatchAsync(upload, TenOfAHundred, 0);
        return TusClient.IdOf(upload);
    }

    private static readonly byte[] TenOfAHundred = "%PDF-1.7\n\n"u8.ToArray();

    /// <summary>A PDF the side's Member sent to the side's group: its seq and blob.</summary>
    public async Task<(long Seq, Guid Blob)> FreshAttachment(Side side)
    {
        // A session of its own: a cell that signs the Member out everywhere must not break the next one.
        using var http = Security.Http(await Security.NewSession(side.Member.UserId, side.Member.Name));
        var upload = await new TusClient(http).UploadReadyAsync("matriks.pdf", null, [.. "%PDF-1.7\n"u8, .. new byte[200], .. "\n%%EOF\n"u8]);
        var grains = Security.Stack.SiloServices.GetRequiredService<IGrainFactory>();
        // Sent through the grain: the Member's hub connection may have closed with a sign-out everywhere cell.
        var ack = await grains.GetGrain<IConversationGrain>(side.Group).Send(side.Member.UserId,
            new SendMessageRequest(side.Group, Guid.NewGuid().ToString("N"), "Lampiran", Attachments: [new AttachmentInput(upload)]));
        var message = await grains.GetGrain<IConversationGrain>(side.Group).GetMessage(side.Member.UserId, ack.Seq);
        return (ack.Seq, message.Attachments![0].BlobId);
    }

    /// <summary>The token of a download link the side's Member was given for a fresh attachment.</summary>
    public async Task<string> FreshLinkToken(Side side)
    {
        var (seq, blob) = await FreshAttachment(side);
        // A session of its own: a cell that signs the Member out everywhere must not break the next one.
        using var http = Security.Http(await Security.NewSession(side.Member.UserId, side.Member.Name));
        var response = await http.PostAsync($"/api/conversations/{side.Group}/messages/{seq}/files/{blob}/link", null);
        await SecurityStack.Ensure(response);
        var url = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("url").GetString()!;
        return url["/files/".Length..];
    }

    public async Task<long> FreshMessage(Side side) => (await Send(side.MemberHub, side.Group, "Untuk dipadam")).Seq;

    public async Task<Principal> FreshSessionOf(Who who)
    {
        var session = _sessions[who];
        return await Security.NewSession(session.UserId, session.Name);
    }

    public async Task DisposeAsync()
    {
        foreach (var hub in _hubs.Values) await hub.DisposeAsync();
        if (A is not null) await A.MemberHub.DisposeAsync();
        if (B is not null) await B.MemberHub.DisposeAsync();
        if (Security is not null) await Security.DisposeAsync();
    }
}
