namespace GoChat.GrainInterfaces;

/// <summary>
/// A sign-in ceremony's assertion options, keyed by their challenge (base64url). Any gateway can verify the answer
/// a browser got from another; each challenge is taken once and expires. Held in memory only: a lost activation
/// means the person taps "sign in with a passkey" again.
/// </summary>
[Alias("gochat.IPasskeyChallengeGrain")]
public interface IPasskeyChallengeGrain : IGrainWithStringKey
{
    [Alias("Issue")] Task Issue(string optionsJson, TimeSpan lifetime);

    /// <summary>The options, the first time only, and only before they expire; null otherwise.</summary>
    [Alias("Take")] Task<string?> Take();
}
