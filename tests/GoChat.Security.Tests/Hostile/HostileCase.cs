namespace GoChat.Security.Tests.Hostile;

/// <summary>What a case may be answered with, and whether the database may change.</summary>
public enum Outcome
{
    /// <summary>Must be refused (REST 4xx problem with a code, hub "CODE: text") and change nothing.</summary>
    Refuse,
    /// <summary>May be answered (e.g. a search for SQL metacharacters, another agency's id on a read) but must change nothing and never fail.</summary>
    Inert,
    /// <summary>Well-formed text the server may store (SQL metacharacters in a display name): it must never fail; checked after the batch.</summary>
    Tolerate,
}

/// <summary>One REST request a hostile client sends.</summary>
public sealed record RestCase(string Name, Outcome Outcome, HttpMethod Method, string Path, string? Token, Func<HttpContent?> Content)
{
    /// <summary>The answer the shared decisions fix for this case, beyond "a 4xx problem with a code".</summary>
    public (int Status, string Code)? Exact { get; init; }
}

/// <summary>One hub invocation a hostile client sends; <see cref="MayDrop"/> only for frames above the hub's 64 KB limit.</summary>
public sealed record HubCase(string Name, Outcome Outcome, bool MessagePack, object?[] Args)
{
    /// <summary>An argument of the wrong type or count, or a string that is not UTF-8 (raw lone-surrogate bytes): SignalR refuses it while binding, before GoChat's filter, without GoChat's code (open: docs/security/suites.md).</summary>
    public bool BindingError { get; init; }
    public bool MayDrop { get; init; }
    /// <summary>Raw MessagePack: the string arguments carry these UTF-8 bytes as they are (lone surrogates).</summary>
    public byte[]? RawFrame { get; init; }
}
