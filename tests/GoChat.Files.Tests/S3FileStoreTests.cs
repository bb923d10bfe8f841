using GoChat.Files.Storage;

namespace GoChat.Files.Tests;

public sealed class S3FileStoreTests(S3FileStoreFixture fixture) : FileStoreContract, IClassFixture<S3FileStoreFixture>
{
    protected override IFileStore Store => fixture.Store;
}
