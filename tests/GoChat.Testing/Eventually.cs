namespace GoChat.Testing;

public static class Eventually
{
    /// <summary>
    /// Asks until the answer is yes, for state that a one-way call changes and nothing pushes (an observer count in a
    /// grain). Fails after <paramref name="timeout"/> (30 s unless told) naming <paramref name="what"/>.
    /// </summary>
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }
}
