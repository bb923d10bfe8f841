namespace GoChat.Grains.Tests;

/// <summary>A test's stand-in for a gateway's observer: what arrived, and a way to wait for more.</summary>
public abstract class Recorder
{
    private readonly SemaphoreSlim _arrived = new(0);

    protected void Arrived() => _arrived.Release();

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, calling <paramref name="renew"/> first and then at least every
    /// half second, as a gateway renews its leases (null: nothing to renew).
    /// </summary>
    public async Task WaitUntil(Func<bool> condition, string what, Func<Task>? renew = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (renew is not null) await renew();
            if (condition()) return;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"Timed out waiting for {what}.");
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
        }
    }
}
