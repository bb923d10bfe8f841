using System.Security.Cryptography;

namespace GoChat.Files.Storage;

/// <summary>
/// The file ids an upload's bytes live under, derived from the upload's id so that nothing has to remember them: writer
/// n (1, 2, ...) writes under its own id, and the chunks that made it into the upload are moved under writer 0's, the
/// assembled file that is checked and, once cleared, becomes the blob.
/// </summary>
public static class UploadFileIds
{
    public static Guid Assembled(Guid uploadId) => For(uploadId, 0);

    public static Guid Writer(Guid uploadId, int writer) => writer > 0 ? For(uploadId, writer) : throw new ArgumentOutOfRangeException(nameof(writer));

    private static Guid For(Guid uploadId, int n)
    {
        Span<byte> input = stackalloc byte[20];
        uploadId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], n);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return new Guid(hash[..16]);
    }
}
