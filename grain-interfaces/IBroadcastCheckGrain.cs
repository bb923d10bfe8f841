namespace GoChat.GrainInterfaces;

/// <summary>The public check (stateless, key 0): is a pasted text, after the canonical form, a genuine TERBUKA broadcast?</summary>
[Alias("gochat.IBroadcastCheckGrain")]
public interface IBroadcastCheckGrain : IGrainWithIntegerKey
{
    [Alias("Check")] Task<BroadcastCheck> Check(string text);
}
