using GoChat.Files.Storage;

namespace GoChat.Files.Tests;

public class FileChunksTests
{
    [Fact]
    public void A_chunk_left_off_the_chain_by_a_dropped_request_is_ignored()
    {
        // The chunk at 4 (length 6) was overwritten by a shorter one at 4 after a resume; 9 continues that one.
        var stored = new[] { new StoredChunk(0, 4), new StoredChunk(4, 5), new StoredChunk(9, 3), new StoredChunk(20, 2) };
        Assert.Equal([new StoredChunk(0, 4), new StoredChunk(4, 5), new StoredChunk(9, 3)], FileChunks.Chain(stored, 12));
    }

    [Fact]
    public void A_missing_byte_is_an_error_not_a_short_file()
    {
        var stored = new[] { new StoredChunk(0, 4), new StoredChunk(5, 5) };
        Assert.Throws<InvalidDataException>(() => FileChunks.Chain(stored, 10));
    }
}
