using System.Collections.Concurrent;

namespace GoChat.Client.Secret;

/// <summary>A store that lives as long as the process: for tests and the benchmark, where a device is made per run.</summary>
public sealed class MemorySecretStore : ISecretStore
{
    private readonly ConcurrentDictionary<string, byte[]> _items = new(StringComparer.Ordinal);

    public Task<byte[]?> Read(string name) => Task.FromResult(_items.TryGetValue(name, out var data) ? data.ToArray() : null);

    public Task Write(string name, byte[] data)
    {
        _items[name] = data.ToArray();
        return Task.CompletedTask;
    }

    public Task Delete(string name)
    {
        _items.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    /// <summary>Every blob held, for tests that look for a plaintext where none may be.</summary>
    public IEnumerable<byte[]> All => _items.Values;
}
