namespace GoChat.GrainInterfaces.Models;

/// <summary>A channel admin's post.</summary>
/// <param name="Level">One of the configured classification levels (by default TERBUKA, TERHAD, SULIT).</param>
/// <param name="Tags">Free topic tags, shown on every copy and searchable.</param>
/// <param name="Attachments">Finished uploads of the admin's, as for a message.</param>
[GenerateSerializer, Immutable, Alias("gochat.broadcast-request")]
public sealed record BroadcastRequest(
    [property: Id(0)] string ClientMessageId,
    [property: Id(1)] string Text,
    [property: Id(2)] string Level,
    [property: Id(3)] IReadOnlyList<string>? Tags = null,
    [property: Id(4)] IReadOnlyList<AttachmentInput>? Attachments = null);
