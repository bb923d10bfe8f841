namespace GoChat.Client.Secret;

/// <summary>
/// Where a device keeps its secret-chat state between runs: identity keys, prekeys, sessions, group chains. Each item
/// is an opaque blob under a name; a store that writes to disk should encrypt it at rest, since it holds private keys.
/// </summary>
public interface ISecretStore
{
    Task<byte[]?> Read(string name);

    Task Write(string name, byte[] data);

    Task Delete(string name);
}
