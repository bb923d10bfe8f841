using System.Buffers.Binary;
using System.IO.Compression;

namespace GoChat.Files.Tests.Scanning;

/// <summary>Zip files built in memory for the scanner tests, so no archive (least of all one holding EICAR) sits in the repository.</summary>
internal static class TestArchives
{
    public static byte[] Zip(string entryName, byte[] content, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(entryName, level).Open();
            entry.Write(content);
        }
        return buffer.ToArray();
    }

    /// <summary>A zip in a zip in a zip, <paramref name="depth"/> archives deep, with <paramref name="content"/> in the innermost.</summary>
    public static byte[] Nested(byte[] content, int depth)
    {
        var bytes = Zip("inner.txt", content);
        for (var level = 1; level < depth; level++) bytes = Zip($"level{level}.zip", bytes);
        return bytes;
    }

    /// <summary>
    /// A one-entry zip marked encrypted (general purpose flag bit 0, in its local and its central header), as
    /// <c>zip -e</c> would mark it. clamd decides "encrypted" from that flag, so the bytes need not be ciphertext.
    /// </summary>
    public static byte[] Encrypted(string entryName, byte[] content)
    {
        var zip = Zip(entryName, content, CompressionLevel.NoCompression);
        const uint localSignature = 0x04034b50, centralSignature = 0x02014b50;
        const int endRecordLength = 22, centralOffsetInEnd = 16, flagsInLocal = 6, flagsInCentral = 8;
        var central = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(zip.Length - endRecordLength + centralOffsetInEnd));
        if (BinaryPrimitives.ReadUInt32LittleEndian(zip) != localSignature || BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(central)) != centralSignature)
            throw new InvalidOperationException("Not the one-entry zip without a comment this helper expects.");
        zip[flagsInLocal] |= 1;
        zip[central + flagsInCentral] |= 1;
        return zip;
    }
}
