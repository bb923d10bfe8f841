namespace GoChat.GrainInterfaces;

/// <summary>Which account a credential id belongs to (a credential belongs to one account only). Key 0.</summary>
[Alias("gochat.IPasskeyLookupGrain")]
public interface IPasskeyLookupGrain : IGrainWithIntegerKey
{
    [Alias("FindOwner")] Task<Guid?> FindOwner(byte[] credentialId);
}
