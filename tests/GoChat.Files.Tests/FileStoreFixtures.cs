using GoChat.Files.Storage;
using Npgsql;

namespace GoChat.Files.Tests;

/// <summary>A migrated database of its own for one test class, on the process's shared PostgreSQL server.</summary>
public sealed class PostgresFileStoreFixture : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public IFileStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await (await PostgresServer.Shared).CreateDatabaseAsync("files"));
        Store = new PostgresFileStore(_dataSource);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
    }
}

/// <summary>An s3rver of its own for one test class, reached the way a deployment reaches an on-premises store.</summary>
public sealed class S3FileStoreFixture : IAsyncLifetime
{
    private S3rverServer? _server;
    private S3FileStore? _store;

    public IFileStore Store => _store!;

    public async Task InitializeAsync()
    {
        _server = await S3rverServer.StartAsync();
        _store = new S3FileStore(new S3FileStoreOptions
        {
            ServiceUrl = _server.ServiceUrl,
            Bucket = _server.Bucket,
            Prefix = "gochat/",
            AccessKey = S3rverServer.AccessKey,
            SecretKey = S3rverServer.SecretKey,
        });
    }

    public async Task DisposeAsync()
    {
        _store?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }
}
