using GoChat.Files.Storage;

namespace GoChat.Files.Tests;

public sealed class PostgresFileStoreTests(PostgresFileStoreFixture fixture) : FileStoreContract, IClassFixture<PostgresFileStoreFixture>
{
    protected override IFileStore Store => fixture.Store;
}
