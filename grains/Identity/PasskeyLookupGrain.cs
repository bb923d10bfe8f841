namespace GoChat.Grains.Identity;

/// <summary>Reads gochat_passkeys; stateless, so every silo answers locally.</summary>
[GrainType("passkey-lookup"), Orleans.Concurrency.StatelessWorker]
public sealed class PasskeyLookupGrain(PasskeyStore store) : Grain, IPasskeyLookupGrain
{
    public Task<Guid?> FindOwner(byte[] credentialId) => store.OwnerOf(credentialId);
}
