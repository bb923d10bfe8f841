namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// Permits a gateway may spend on its own. None granted: <paramref name="RetryAfter"/> says when the next one refills.
/// </summary>
[GenerateSerializer, Immutable, Alias("gochat.permit-lease")]
public sealed record PermitLease(
    [property: Id(0)] int Granted,
    [property: Id(1)] TimeSpan RetryAfter);
