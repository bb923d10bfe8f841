namespace GoChat.Grains.Identity;

/// <summary>One sign-in challenge in memory: taken once, gone when it expires (the activation ends then too).</summary>
[GrainType("passkey-challenge")]
public sealed class PasskeyChallengeGrain(TimeProvider time) : Grain, IPasskeyChallengeGrain
{
    private string? _options;
    private bool _issued;
    private DateTimeOffset _expiresAt;

    public Task Issue(string optionsJson, TimeSpan lifetime)
    {
        // A challenge is random and issued once; a second issue under the same key would reopen a used one.
        if (_issued) throw new GoChatException(ErrorCodes.Conflict, "This challenge was issued already.");
        _issued = true;
        _options = optionsJson;
        _expiresAt = time.GetUtcNow() + lifetime;
        this.RegisterGrainTimer(() =>
        {
            _options = null;
            DeactivateOnIdle();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(lifetime, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public Task<string?> Take()
    {
        var options = _options;
        _options = null;
        _issued = true;
        DeactivateOnIdle();
        return Task.FromResult(options is not null && time.GetUtcNow() <= _expiresAt ? options : null);
    }
}
