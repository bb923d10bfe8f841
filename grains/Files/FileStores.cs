using GoChat.Files.Storage;

namespace GoChat.Grains.Files;

// TEMPORARY until the store registry lands (files/Storage).
public sealed class FileStores(IEnumerable<IFileStore> all)
{
    public IFileStore Get(string name) => all.FirstOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"No file store named {name}.");
}
