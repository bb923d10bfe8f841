using Microsoft.AspNetCore.SignalR.Client;
using System.Net.Http.Headers;

namespace GoChat.Security.Tests.Authorization;

/// <summary>
/// What SHOULD happen, written by hand from the issue and the shared decisions (never read from the code under
/// test): one line per REST route and per hub method, one answer per caller. Adding a route is one line here;
/// <c>Every_route_and_hub_method_has_an_entry</c> fails until it exists.
/// Columns: anon = no token; pend = external pending approval (a token minted for that account); extA / extB =
/// approved external of A limited to A, on A's / B's objects; memb = staff of A who owns A's group; nonm = staff
/// of A in no conversation; othA = staff of B on A's objects; admAA / admAB = agency admin of A on A / on B;
/// plat = platform admin.
/// </summary>
public static class AuthorizationMatrix
{
    private static RestEntry Rest(string route, string row) => new(route, Expect.Row(row));

    private static HubEntry Hub(string method, string row, Func<Cell, object?[]> args) => new(method, Expect.Row(row), c => Task.FromResult(args(c)));

    private static HubEntry Hub(string method, string row, Func<Cell, Task<object?[]>> args) => new(method, Expect.Row(row), args);

    private static string Id(Guid id) => id.ToString();

    private static Dictionary<string, string> Tus(params (string Name, string Value)[] more) =>
        new[] { ("Tus-Resumable", "1.0.0") }.Concat(more).ToDictionary(h => h.Item1, h => h.Item2);

    private static ByteArrayContent TusChunk()
    {
        var content = new ByteArrayContent(new byte[10]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return content;
    }

    public static readonly IReadOnlyList<RestEntry> RestRoutes =
    [
        //                                                        anon pend extA extB memb nonm othA admAA admAB plat
        Rest("POST /api/auth/code",                                "ok   ok   ok   ok   ok   ok   ok   ok    ok    ok") with { Body = c => Task.FromResult<object?>(new { email = SecurityStack.StaffEmail(c.Side.Domain) }) },
        Rest("POST /api/auth/verify",                              "ok   ok   ok   ok   ok   ok   ok   ok    ok    ok") with { Body = FreshCode },
        Rest("POST /api/auth/refresh",                             "ok   ok   ok   ok   ok   ok   ok   ok    ok    ok") with { Body = FreshRefreshToken },
        Rest("POST /api/auth/sign-out",                            "401  401  ok   ok   ok   ok   ok   ok    ok    ok") with { Session = SessionUse.Own },
        Rest("POST /api/auth/sign-out-everywhere",                 "401  401  ok   ok   ok   ok   ok   ok    ok    ok") with { Session = SessionUse.OwnThenRenew },
        Rest("GET /api/me",                                        "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        Rest("GET /api/me/devices",                                "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        Rest("DELETE /api/me/devices/{deviceId}",                  "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        // The caller's own device session's offline-cache key (docs/security/offline-cache.md).
        Rest("GET /api/me/cache-key",                              "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        // Web Push (docs/security/web-push.md): the caller's own subscriptions. No agency of this world has opted in,
        // so every caller let in is refused a subscription with PUSH_NOT_ALLOWED; removing one is always allowed.
        Rest("GET /api/me/push",                                   "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        Rest("POST /api/me/push/subscriptions",                    "401  401  PNA  PNA  PNA  PNA  PNA  PNA   PNA   PNA") with { Body = _ => Task.FromResult<object?>(PushSubscriptionBody()) },
        Rest("POST /api/me/push/subscriptions/remove",             "401  401  ok   ok   ok   ok   ok   ok    ok    ok") with { Body = _ => Task.FromResult<object?>(new { endpoint = "https://fcm.googleapis.com/fcm/send/matriks" }) },
        Rest("GET /api/me/profile",                                "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        Rest("PUT /api/me/profile",                                "401  401  ok   ok   ok   ok   ok   ok    ok    ok") with { Body = c => Task.FromResult<object?>(new { displayName = $"Nama {c.Who}" }) },
        Rest("GET /api/me/settings",                               "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        Rest("PUT /api/me/settings",                               "401  401  ok   ok   ok   ok   ok   ok    ok    ok") with { Body = _ => Task.FromResult<object?>(new UserSettings()) },
        Rest("PUT /api/me/photo",                                  "401  401  ok   ok   ok   ok   ok   ok    ok    ok") with { Content = _ => PngContent() },
        Rest("DELETE /api/me/photo",                               "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        Rest("GET /api/users/{userId}",                            "401  401  ok   UNF  ok   ok   ok   ok    ok    ok"),
        Rest("GET /api/users/{userId}/photo",                      "401  401  ok   UNF  ok   ok   ok   ok    ok    ok"),
        // A group's photo (issue 14): its admins set and remove it, its members fetch it; to anyone else the group is missing.
        Rest("PUT /api/conversations/{conversationId}/photo",     "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF") with { Content = _ => PngContent() },
        Rest("DELETE /api/conversations/{conversationId}/photo",  "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF"),
        Rest("GET /api/conversations/{conversationId}/photo",     "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF") with { Conversation = c => c.World.FreshGroupWithPhoto(c.Side) },
        // A channel's picture on the same route (issue 16): its managers (the platform admin who made it, the agency's
        // admins) set and remove it; the rest of its audience may read the channel, so is refused; outside it, no channel.
        Rest("PUT /api/conversations/{conversationId}/photo",     "401  401  CNF  CNF  403  403  CNF  ok    CNF   ok") with { Variant = "channel", Conversation = c => Task.FromResult(c.Side.Channel), Content = _ => PngContent() },
        Rest("DELETE /api/conversations/{conversationId}/photo",  "401  401  CNF  CNF  403  403  CNF  ok    CNF   ok") with { Variant = "channel", Conversation = c => Task.FromResult(c.Side.Channel) },
        Rest("GET /api/conversations/{conversationId}/photo",     "401  401  CNF  CNF  ok   ok   CNF  ok    CNF   ok") with { Variant = "channel", Conversation = c => c.World.FreshChannelWithPhoto(c.Side) },
        // Files (issue 15): uploads are their owner's alone (anyone else meets UPLOAD_NOT_FOUND, admins too); a file of a
        // message only for who may read the message; a download link only for the member it was made for.
        Rest("OPTIONS /api/uploads",                               "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        Rest("POST /api/uploads",                                  "401  401  ok   ok   ok   ok   ok   ok    ok    ok") with { Headers = Tus(("Upload-Length", "100"), ("Upload-Metadata", "filename bWF0cmlrcy5wZGY=")) },
        Rest("GET /api/uploads/{uploadId}",                        "401  401  UPF  UPF  ok   UPF  UPF  UPF   UPF   UPF") with { Headers = Tus() },
        Rest("HEAD /api/uploads/{uploadId}",                       "401  401  UPF  UPF  ok   UPF  UPF  UPF   UPF   UPF") with { Headers = Tus() },
        Rest("PATCH /api/uploads/{uploadId}",                      "401  401  UPF  UPF  ok   UPF  UPF  UPF   UPF   UPF") with { Headers = Tus(("Upload-Offset", "10")), Content = _ => TusChunk() },
        Rest("DELETE /api/uploads/{uploadId}",                     "401  401  UPF  UPF  ok   UPF  UPF  UPF   UPF   UPF") with { Headers = Tus() },
        Rest("POST /api/conversations/{conversationId}/messages/{seq}/files/{blobId}/link", "401 401 ANF ANF ok ANF ANF ANF ANF ANF"),
        Rest("POST /api/files/cookie",                             "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        Rest("GET /files/{token}",                                 "401  401  LIN  LIN  ok   LIN  LIN  LIN   LIN   LIN"),
        Rest("HEAD /files/{token}",                                "401  401  LIN  LIN  ok   LIN  LIN  LIN   LIN   LIN"),
        Rest("GET /api/directory",                                 "401  401  ok   ok   ok   ok   ok   ok    ok    ok") with { Query = "?q=staf" },
        // Search across chats answers anyone signed in, from their own chats only (docs/security.md, "Search").
        Rest("GET /api/search/messages",                           "401  401  ok   ok   ok   ok   ok   ok    ok    ok") with { Query = "?q=mesej" },
        Rest("GET /api/agencies",                                  "ok   ok   ok   ok   ok   ok   ok   ok    ok    ok"),
        Rest("POST /api/admin/agencies",                           "401  401  403  403  403  403  403  403   403   ok") with { Body = _ => Task.FromResult<object?>(new { name = "Agensi Baharu", category = "StatutoryBody", domains = new[] { SecurityStack.NewDomain() } }) },
        Rest("POST /api/admin/agencies/{agencyId}/domains",        "401  401  403  403  403  403  403  ok    403   ok") with { Body = _ => Task.FromResult<object?>(new { domain = SecurityStack.NewDomain() }) },
        Rest("DELETE /api/admin/agencies/{agencyId}/domains/{domain}", "401 401 403 403  403  403  403  ok    403   ok"),
        Rest("GET /api/admin/agencies/{agencyId}/users",           "401  401  403  403  403  403  403  ok    403   ok"),
        Rest("GET /api/admin/agencies/{agencyId}/audit",           "401  401  403  403  403  403  403  ok    403   ok"),
        // Any admin may verify the chain, an agency admin only over their own agency's rows (finding 9).
        Rest("GET /api/admin/audit/verify",                        "401  401  403  403  403  403  403  ok    ok    ok"),
        Rest("POST /api/admin/users/{userId}/approve",             "401  401  403  403  403  403  403  ok    403   ok") with { User = c => c.World.FreshPending(c.Side) },
        Rest("POST /api/admin/users/{userId}/reject",              "401  401  403  403  403  403  403  ok    403   ok") with { User = c => c.World.FreshPending(c.Side) },
        Rest("POST /api/admin/users/{userId}/suspend",             "401  401  403  403  403  403  403  ok    403   ok") with { User = c => c.World.FreshStaff(c.Side) },
        Rest("POST /api/admin/users/{userId}/reinstate",           "401  401  403  403  403  403  403  ok    403   ok") with { User = c => c.World.FreshSuspended(c.Side) },
        Rest("PUT /api/admin/users/{userId}/role",                 "401  401  403  403  403  403  403  ok    403   ok") with { User = c => c.World.FreshStaff(c.Side), Body = _ => Task.FromResult<object?>(new { role = "AgencyAdmin" }) },
        Rest("PUT /api/admin/users/{userId}/permissions",          "401  401  403  403  403  403  403  ok    403   ok") with { User = c => c.World.FreshPending(c.Side), Body = _ => Task.FromResult<object?>(new { canCreateGroups = false, canSeeAllAgencies = false }) },
        Rest("GET /api/admin/users/{userId}/permissions",          "401  401  403  403  403  403  403  ok    403   ok") with { User = c => c.World.FreshPending(c.Side) },
        // Passkeys (docs/security/passkeys.md): /api/me routes are the caller's own and never need a passkey session.
        Rest("GET /api/me/passkeys",                               "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        Rest("POST /api/me/passkeys/options",                      "401  401  ok   ok   ok   ok   ok   ok    ok    ok"),
        // Registering needs an authenticator's attestation: a caller let in is refused as input, never as a stranger.
        Rest("POST /api/me/passkeys",                              "401  401  400  400  400  400  400  400   400   400") with { Body = _ => Task.FromResult<object?>(new { name = "Kunci", credential = new { } }) },
        // The id is nobody's: a caller cannot tell another's passkey from none.
        Rest("PATCH /api/me/passkeys/{id}",                        "401  401  PNF  PNF  PNF  PNF  PNF  PNF   PNF   PNF") with { Body = _ => Task.FromResult<object?>(new { name = "Kunci" }) },
        Rest("DELETE /api/me/passkeys/{id}",                       "401  401  PNF  PNF  PNF  PNF  PNF  PNF   PNF   PNF"),
        // Sign-in with a passkey is anonymous: any caller gets options; an assertion that is not one is bad input.
        Rest("POST /api/auth/passkey/options",                     "ok   ok   ok   ok   ok   ok   ok   ok    ok    ok"),
        Rest("POST /api/auth/passkey/verify",                      "400  400  400  400  400  400  400  400   400   400") with { Body = _ => Task.FromResult<object?>(new { credential = new { }, deviceName = "matriks" }) },
        // The agency's "require passkeys for admins" switch: its own admins and platform admins. Turned off, so the
        // admin cells after it need no passkey session.
        Rest("GET /api/admin/agencies/{agencyId}/security",        "401  401  403  403  403  403  403  ok    403   ok"),
        Rest("PUT /api/admin/agencies/{agencyId}/security",        "401  401  403  403  403  403  403  ok    403   ok") with { Body = _ => Task.FromResult<object?>(new { requirePasskeyForAdmins = false }) },
        // Domain requests (docs/security/domains.md): admins list their own agency's and those awaiting its consent.
        Rest("GET /api/admin/domain-requests",                     "401  401  403  403  403  403  403  ok    ok    ok"),
        // Consent and reject act on a request of the other agency inside this side's domain: A's admin is the one
        // asked on A; on B the request is A's own, so A's admin is part of it but may not decide.
        Rest("POST /api/admin/domain-requests/{domain}/consent",   "401  401  403  403  403  403  403  ok    403   ok") with { Domain = c => c.World.FreshRequestAwaitingConsentOf(c.Side) },
        Rest("POST /api/admin/domain-requests/{domain}/reject",    "401  401  403  403  403  403  403  ok    403   ok") with { Domain = c => c.World.FreshRequestAwaitingConsentOf(c.Side) },
        // Approve acts on this side's own admin's request: only a platform admin approves; A's admin asked on A
        // (part of it, may not decide) and has no part in B's (which looks missing).
        Rest("POST /api/admin/domain-requests/{domain}/approve",   "401  401  403  403  403  403  403  403   DNF   ok") with { Domain = c => c.World.FreshRequestAwaitingApprovalBy(c.Side) },
        // Channels (issue 16): an agency's admins create its channels and trace its leaks; the public check needs no account.
        Rest("POST /api/admin/agencies/{agencyId}/channels",       "401  401  403  403  403  403  403  ok    403   ok") with { Body = _ => Task.FromResult<object?>(new { name = "Saluran matriks", description = (string?)null, audience = "OwnAgency", mandatory = false }) },
        Rest("POST /api/admin/leaks/trace",                        "401  401  403  403  403  403  403  ok    403   ok") with { Body = c => Task.FromResult<object?>(new { agencyId = c.Side.Agency.Id, code = "00000000000000000000" }) },
        Rest("POST /api/admin/leaks/trace/image/{agencyId}",       "401  401  403  403  403  403  403  ok    403   ok") with { Content = _ => PngContent() },
        Rest("POST /api/semak",                                    "ok   ok   ok   ok   ok   ok   ok   ok    ok    ok") with { Body = _ => Task.FromResult<object?>(new { text = "Hebahan yang dimajukan" }) },
        // Development only (never mapped in production): sign-in by handle for tests and local runs.
        Rest("POST /api/dev/sign-in",                              "ok   ok   ok   ok   ok   ok   ok   ok    ok    ok") with { Body = c => Task.FromResult<object?>(new { handle = c.World.DevHandle }) },
        Rest("GET /api/dev/users/{handle}",                        "ok   ok   ok   ok   ok   ok   ok   ok    ok    ok"),
    ];

    public static readonly IReadOnlyList<HubEntry> HubMethods =
    [
        //                                              anon pend extA extB memb nonm othA admAA admAB plat
        Hub("Sync",                                     "401  401  ok   ok   ok   ok   ok   ok    ok    ok", _ => [null]),
        Hub("GetConversations",                         "401  401  ok   ok   ok   ok   ok   ok    ok    ok", _ => []),
        Hub("GetConversationPage",                      "401  401  ok   ok   ok   ok   ok   ok    ok    ok", _ => [null, 20]),
        Hub("SendMessage",                              "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [new { ConversationId = Id(c.Side.Group), ClientMessageId = Guid.NewGuid().ToString("N"), Text = "Mesej" }]),
        Hub("SendMessage",                              "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [new { ConversationId = Id(c.Side.Direct), ClientMessageId = Guid.NewGuid().ToString("N"), Text = "Mesej" }]) with { Variant = "direct" },
        Hub("EditMessage",                              "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), c.Side.MemberMessage, "Disunting", Guid.NewGuid().ToString("N")]),
        Hub("DeleteMessage",                            "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", async c => [Id(c.Side.Group), await c.World.FreshMessage(c.Side), Guid.NewGuid().ToString("N")]),
        // Per-message features (issue 14): only a member who can read the message reacts, forwards or stars it.
        Hub("ReactToMessage",                           "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), c.Side.MemberMessage, "\U0001F44D", true]),
        // Forwarded into the same group: the caller must read the source and be in every target.
        Hub("ForwardMessage",                           "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), c.Side.MemberMessage, new[] { Id(c.Side.Group) }, Guid.NewGuid().ToString("N")]),
        Hub("StarMessage",                              "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), c.Side.MemberMessage, true]),
        // The caller's own list: anyone signed in has one, perhaps empty.
        Hub("GetStarredMessages",                       "401  401  ok   ok   ok   ok   ok   ok    ok    ok", _ => []),
        // How the caller keeps a chat in their own list: only a member's chat is theirs to mute, pin or archive.
        Hub("MuteConversation",                         "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), "8h"]),
        Hub("PinConversation",                          "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), true]),
        Hub("ArchiveConversation",                      "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), true]),
        Hub("GetHistory",                               "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), long.MaxValue, 50]),
        // Direct ids come from the two user ids: a non-member must not learn that the pair chats (finding 4).
        Hub("GetHistory",                               "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Direct), long.MaxValue, 50]) with { Variant = "direct" },
        Hub("GetConversation",                          "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group)]),
        Hub("GetConversation",                          "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Direct)]) with { Variant = "direct" },
        Hub("CreateDirectConversation",                 "401  401  ok   UNF  ok   ok   ok   ok    ok    ok", c => [Id(c.Side.Subject.UserId)]),
        Hub("CreateGroup",                              "401  401  403  403  ok   ok   ok   ok    ok    ok", c => ["Kumpulan baharu", new[] { Id(c.Side.Subject.UserId) }]),
        Hub("AddMembers",                               "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), new[] { Id(c.Side.Subject.UserId) }]),
        Hub("RemoveMember",                             "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", async c => [Id(c.Side.Group), Id(await c.World.FreshGroupMember(c.Side))]),
        Hub("LeaveConversation",                        "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", async c => [Id(await c.World.FreshGroup(c.Side))]),
        Hub("SetGroupDescription",                      "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), $"Keterangan {c.Who}"]),
        Hub("RenameConversation",                       "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), $"Kumpulan {c.Who}"]),
        Hub("SetMemberRole",                            "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), Id(c.Side.Subject.UserId), MemberRole.Member]),
        Hub("MarkDelivered",                            "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), 1L]),
        Hub("MarkRead",                                 "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), 1L]),
        Hub("Typing",                                   "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), true]),
        // Only a conversation this connection's feeds deliver (after Sync): a stranger's looks missing.
        Hub("SetOpenConversation",                      "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", async c => [Id(await SyncedGroup(c))]),
        // Who read a message is its sender's to see; other callers cannot tell the group exists.
        Hub("GetReceipts",                              "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), c.Side.MemberMessage]),
        Hub("SetAway",                                  "401  401  ok   ok   ok   ok   ok   ok    ok    ok", _ => [false]),
        // Presence is a read of a person: hidden people look missing (finding 5).
        Hub("WatchPresence",                            "401  401  ok   UNF  ok   ok   ok   ok    ok    ok", c => [new[] { Id(c.Side.Subject.UserId) }]),
        Hub("GetSettings",                              "401  401  ok   ok   ok   ok   ok   ok    ok    ok", _ => []),
        Hub("UpdateSettings",                           "401  401  ok   ok   ok   ok   ok   ok    ok    ok", _ => [new { ReadReceipts = true, Notifications = true, NotificationSound = true, NotificationPreview = true, Language = "ms" }]),
        Hub("GetProfile",                               "401  401  ok   UNF  ok   ok   ok   ok    ok    ok", c => [Id(c.Side.Subject.UserId)]),
        Hub("UpdateProfile",                            "401  401  ok   ok   ok   ok   ok   ok    ok    ok", c => [new { DisplayName = $"Nama {c.Who}", Position = (string?)null, Department = (string?)null, StatusText = (string?)null, Availability = Availability.Available }]),
        Hub("SearchDirectory",                          "401  401  ok   ok   ok   ok   ok   ok    ok    ok", c => [new { Text = "staf", AgencyId = (Guid?)c.Side.Agency.Id, Department = (string?)null, Position = (string?)null, Limit = 20, Offset = 0 }]),
        // Across chats anyone signed in may search (their own chats); inside one chat only its members, others
        // cannot tell it exists, as with history.
        // Channels (issue 16): a mandatory channel holds every staff member of its agency; outside its audience it
        // looks missing. Only its admins (here the platform admin who made it) post; its agency's admins see its figures.
        Hub("SearchChannels",                           "401  401  ok   ok   ok   ok   ok   ok    ok    ok", _ => [""]),
        Hub("GetChannel",                               "401  401  CNF  CNF  ok   ok   CNF  ok    CNF   ok", c => [Id(c.Side.Channel)]),
        Hub("JoinChannel",                              "401  401  CNF  CNF  ok   ok   CNF  ok    CNF   ok", c => [Id(c.Side.Channel)]),
        Hub("LeaveChannel",                             "401  401  CNF  CNF  CMA  CMA  CNF  CMA   CNF   CMA", c => [Id(c.Side.Channel)]),
        Hub("PostBroadcast",                            "401  401  CNF  CNF  CRO  CRO  CNF  CRO   CNF   ok", c => [new { ChannelId = Id(c.Side.Channel), ClientMessageId = Guid.NewGuid().ToString("N"), Text = "Hebahan", Level = "TERBUKA" }]),
        Hub("SendMessage",                              "401  401  CNF  CNF  CRO  CRO  CNF  CRO   CNF   LNA", c => [new { ConversationId = Id(c.Side.Channel), ClientMessageId = Guid.NewGuid().ToString("N"), Text = "Balasan" }]) with { Variant = "channel" },
        Hub("GetHistory",                               "401  401  CNF  CNF  ok   ok   CNF  ok    CNF   ok", c => [Id(c.Side.Channel), long.MaxValue, 50]) with { Variant = "channel" },
        Hub("GetBroadcastStats",                        "401  401  CNF  CNF  403  403  CNF  ok    CNF   ok", c => [Id(c.Side.Channel), c.Side.Broadcast]),
        Hub("RemindUnread",                             "401  401  CNF  CNF  403  403  CNF  ok    CNF   ok", c => [Id(c.Side.Channel), c.Side.Broadcast]),
        Hub("RecordBroadcastCopy",                      "401  401  CNF  CNF  ok   ok   CNF  ok    CNF   ok", c => [Id(c.Side.Channel), c.Side.Broadcast]),
        // Secret chats' passcode backup and history (issue 17): every call is about the caller's own backup and
        // history, none names another user; history is saved only for a chat the caller is in.
        Hub("GetSecretBackup",                          "401  401  ok   ok   ok   ok   ok   ok    ok    ok", _ => []),
        Hub("BeginSecretBackup",                        "401  401  ok   ok   ok   ok   ok   ok    ok    ok", _ => []),
        Hub("CompleteSecretBackup",                     "401  401  SBI  SBI  SBI  SBI  SBI  SBI   SBI   SBI", _ => [new { Version = 99, Salt = new byte[16], Iterations = 600_000, Proof = new byte[32], WrappedKey = new byte[60] }]),
        Hub("OpenSecretBackup",                         "401  401  SBM  SBM  SBM  SBM  SBM  SBM   SBM   SBM", _ => [1, new byte[32]]),
        Hub("SaveSecretHistory",                        "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [new[] { new { ConversationId = Id(c.Side.Group), Seq = 1L, Blob = new byte[40] } }]),
        Hub("ReadSecretHistory",                        "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [Id(c.Side.Group), 0L, 50]),
        Hub("SearchMessages",                           "401  401  ok   ok   ok   ok   ok   ok    ok    ok", _ => [new { Text = "mesej", ConversationId = (string?)null, Cursor = (string?)null, Limit = 20 }]),
        Hub("SearchMessages",                           "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [new { Text = "mesej", ConversationId = Id(c.Side.Group), Cursor = (string?)null, Limit = 20 }]) with { Variant = "group" },
        Hub("SearchMessages",                           "401  401  CNF  CNF  ok   CNF  CNF  CNF   CNF   CNF", c => [new { Text = "mesej", ConversationId = Id(c.Side.Direct), Cursor = (string?)null, Limit = 20 }]) with { Variant = "direct" },
    ];

    /// <summary>The side's group, after the caller's connections (both protocols) have synced, as a client does first.</summary>
    private static async Task<Guid> SyncedGroup(Cell c)
    {
        foreach (var messagePack in new[] { false, true }) await (await c.World.Hub(c.Who, messagePack)).InvokeAsync<object>("Sync", (object?)null);
        return c.Side.Group;
    }

    /// <summary>A well-formed browser subscription: only the agency's opt-in can refuse it.</summary>
    private static object PushSubscriptionBody()
    {
        var (_, pub, auth) = WebPushDecryptor.NewUserAgent();
        return new { endpoint = $"https://fcm.googleapis.com/fcm/send/{Guid.NewGuid():N}", keys = new { p256dh = WebPushDecryptor.B64(pub), auth = WebPushDecryptor.B64(auth) } };
    }

    private static HttpContent PngContent()
    {
        var content = new ByteArrayContent(MatrixWorld.Png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static async Task<object?> FreshCode(Cell c)
    {
        var email = SecurityStack.StaffEmail(c.Side.Domain);
        var code = await c.World.Security.Stack.RequestCodeAsync(email);
        return new { email, code, deviceName = "matriks" };
    }

    private static async Task<object?> FreshRefreshToken(Cell c)
    {
        var session = await c.World.Security.NewSession(c.Side.Subject.UserId, "refresh");
        return new { refreshToken = session.RefreshToken };
    }
}
