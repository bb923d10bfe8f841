namespace GoChat.Files.Storage;

/// <summary>
/// The stores this process can reach, by name. Every file records the name of the store that holds it, so reads go
/// through <see cref="Get"/> with that name and keep working after an agency moves new files elsewhere; only new
/// writes go to <see cref="Current"/>.
/// </summary>
public sealed class FileStores
{
    private readonly Dictionary<string, IFileStore> _byName;

    public FileStores(IEnumerable<IFileStore> stores, string current)
    {
        _byName = stores.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Current = Get(current);
    }

    /// <summary>Where new files are written (Files:Store).</summary>
    public IFileStore Current { get; }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>The store a file was written to, by the name recorded with it.</summary>
    public IFileStore Get(string name) =>
        _byName.TryGetValue(name, out var store)
            ? store
            : throw new InvalidOperationException($"A file is held by the \"{name}\" store, which this process has no configuration for (Files:S3 for \"s3\").");
}
