namespace GoChat.GrainInterfaces.Models;

/// <summary>What the gateway needs to serve one attachment to a member who may read it: where the bytes are and what to call them.</summary>
/// <param name="Broadcast">The seal of the broadcast the file belongs to: a protected one's pictures are marked for each downloader.</param>
/// <param name="FileId">The id the bytes are stored under: the blob's own, or its preview's or thumbnail's.</param>
[GenerateSerializer, Immutable, Alias("gochat.file-download")]
public sealed record FileDownload(
    [property: Id(0)] Guid FileId,
    [property: Id(1)] string Store,
    [property: Id(2)] long Length,
    [property: Id(3)] string ContentType,
    [property: Id(4)] string Name,
    [property: Id(5)] BroadcastSeal? Broadcast = null);
