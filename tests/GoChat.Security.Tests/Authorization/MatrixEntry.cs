namespace GoChat.Security.Tests.Authorization;

/// <summary>
/// The expected answer of one cell, written by hand: <c>ok</c> (2xx / the hub call returns), <c>401</c> (refused
/// before any GoChat code runs: REST 401, hub connection refused with 401), <c>403</c> (FORBIDDEN), <c>UNF</c>
/// (USER_NOT_FOUND), <c>CNF</c> (CONVERSATION_NOT_FOUND), <c>DNF</c> (DOMAIN_NOT_FOUND: a domain request the admin
/// has no part in), <c>PNF</c> (PASSKEY_NOT_FOUND), <c>PNA</c> (PUSH_NOT_ALLOWED: the agency has not opted in to Web Push), <c>CRO</c> (CHANNEL_READ_ONLY), <c>CMA</c>
/// (CHANNEL_MANDATORY), <c>LNA</c> (LEVEL_NOT_ALLOWED: a channel admin's post without a level), <c>SBI</c> / <c>SBM</c> (SECRET_BACKUP_INVALID / _MISSING), <c>400</c> (let in, then refused as input: INVALID_ARGUMENT, for
/// routes whose allowed answer needs a real authenticator); REST 4xx answers must carry that code.
/// </summary>
public sealed record Expect(string Token)
{
    public bool Allowed => Token == "ok";

    public (int Status, string? Code) Rest => Token switch
    {
        "ok" => (200, null),
        "401" => (401, null),
        "403" => (403, ErrorCodes.Forbidden),
        "UNF" => (404, ErrorCodes.UserNotFound),
        "CNF" => (404, ErrorCodes.ConversationNotFound),
        "DNF" => (404, ErrorCodes.DomainNotFound),
        "PNF" => (404, ErrorCodes.PasskeyNotFound),
        "PNA" => (403, ErrorCodes.PushNotAllowed),
        "400" => (400, ErrorCodes.InvalidArgument),
        // Files (issue 15): someone else's upload, an attachment of a message the caller cannot read, a link made for another.
        "UPF" => (404, ErrorCodes.UploadNotFound),
        "ANF" => (404, ErrorCodes.AttachmentNotFound),
        "LIN" => (403, ErrorCodes.LinkInvalid),
        _ => throw new ArgumentException($"Unknown expectation '{Token}'."),
    };

    public string? HubCode => Token switch
    {
        "ok" or "401" => null,
        "403" => ErrorCodes.Forbidden,
        "UNF" => ErrorCodes.UserNotFound,
        "CNF" => ErrorCodes.ConversationNotFound,
        // Channels (issue 16): a subscriber posting, anyone leaving a mandatory channel.
        "CRO" => ErrorCodes.ChannelReadOnly,
        "CMA" => ErrorCodes.ChannelMandatory,
        "LNA" => ErrorCodes.LevelNotAllowed,
        // Secret chats' passcode backup (issue 17): a malformed setup, a backup that does not exist.
        "SBI" => ErrorCodes.SecretBackupInvalid,
        "SBM" => ErrorCodes.SecretBackupMissing,
        _ => throw new ArgumentException($"Unknown expectation '{Token}'."),
    };

    /// <summary>One expectation per <see cref="Who"/>, in its order, separated by spaces.</summary>
    public static IReadOnlyDictionary<Who, Expect> Row(string row)
    {
        var tokens = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var columns = Enum.GetValues<Who>();
        if (tokens.Length != columns.Length) throw new ArgumentException($"'{row}' has {tokens.Length} cells, the matrix has {columns.Length} columns.");
        return columns.Zip(tokens).ToDictionary(p => p.First, p => new Expect(p.Second));
    }
}

/// <summary>What a cell knows while it builds its request: the world, the caller and the agency acted on.</summary>
public sealed record Cell(MatrixWorld World, Who Who, Side Side);

/// <summary>How a cell's caller holds its session; routes that end a session must not end the one the next cell uses.</summary>
public enum SessionUse
{
    /// <summary>The principal's session, shared by every cell.</summary>
    Shared,
    /// <summary>A new device session of the principal, for this cell alone (sign-out).</summary>
    Own,
    /// <summary>As <see cref="Own"/>, and every session of the account is renewed afterwards (sign-out everywhere).</summary>
    OwnThenRenew,
}

/// <summary>
/// One REST route's line. Route values are bound by name: agencyId the agency acted on, userId its Subject (or
/// <see cref="User"/>), deviceId a new device of the caller, domain an extra domain of the agency (or <see cref="Domain"/>),
/// handle the dev user, id a passkey id nobody holds, uploadId an unfinished upload of the side's Member, seq and blobId an
/// attachment the Member sent to the side's group, token a download link the Member was given for one.
/// </summary>
public sealed record RestEntry(string Route, IReadOnlyDictionary<Who, Expect> Expected)
{
    public Func<Cell, Task<string>>? Domain { get; init; }
    public Func<Cell, Task<Guid>>? User { get; init; }
    /// <summary>The conversation of a {conversationId} route value; the side's group when not given.</summary>
    public Func<Cell, Task<Guid>>? Conversation { get; init; }
    public Func<Cell, Task<object?>>? Body { get; init; }
    public Func<Cell, HttpContent>? Content { get; init; }
    /// <summary>Names a second line for the same route on other objects (e.g. a conversation route on a channel).</summary>
    public string? Variant { get; init; }
    public string Query { get; init; } = "";
    /// <summary>Request headers beyond the token (tus names its version and offsets in headers).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public SessionUse Session { get; init; } = SessionUse.Shared;

    public string Key => Variant is null ? Route : $"{Route} ({Variant})";
    public string Verb => Route.Split(' ')[0];
    public string Pattern => Route.Split(' ')[1];
}

/// <summary>One hub method's line; <see cref="Variant"/> names a second line for the same method (e.g. on the direct chat).</summary>
public sealed record HubEntry(string Method, IReadOnlyDictionary<Who, Expect> Expected, Func<Cell, Task<object?[]>> Args)
{
    public string? Variant { get; init; }
    public string Key => Variant is null ? Method : $"{Method} ({Variant})";
}
