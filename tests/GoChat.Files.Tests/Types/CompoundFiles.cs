using System.Buffers.Binary;
using System.Text;

namespace GoChat.Files.Tests.Types;

/// <summary>
/// OLE compound files (the Office 97-2003 container) made in code: 512-byte sectors, a FAT in sector 0 and the
/// directory chained through the sectors after it, four entries to a sector. Only names and the tree are written;
/// the streams hold no data, which is all the sniffer looks at.
/// </summary>
internal static class CompoundFiles
{
    private const uint NoEntry = 0xFFFFFFFF, EndOfChain = 0xFFFFFFFE, FatSector = 0xFFFFFFFD, Free = 0xFFFFFFFF;

    /// <summary>A compound file whose root holds these entries; a name with '/' is inside the storage before it.</summary>
    public static byte[] With(params (string Path, bool Storage)[] entries)
    {
        var all = new List<(string Name, byte Type, int Parent)> { ("Root Entry", 5, -1) };
        var paths = new List<string> { "" };
        foreach (var (path, storage) in entries)
        {
            var slash = path.LastIndexOf('/');
            var parent = slash < 0 ? 0 : paths.IndexOf(path[..slash]);
            all.Add((slash < 0 ? path : path[(slash + 1)..], storage ? (byte)1 : (byte)2, parent));
            paths.Add(path);
        }
        // Each storage's children as a chain of right siblings: a degenerate tree, but a tree.
        var child = new uint[all.Count];
        var right = new uint[all.Count];
        Array.Fill(child, NoEntry);
        Array.Fill(right, NoEntry);
        for (var i = all.Count - 1; i >= 1; i--)
        {
            right[i] = child[all[i].Parent];
            child[all[i].Parent] = (uint)i;
        }

        var directorySectors = (all.Count + 3) / 4;
        var file = new byte[512 * (2 + directorySectors)];
        var header = file.AsSpan(0, 512);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], EndOfChain);
        for (var i = 0; i < 109; i++) BinaryPrimitives.WriteUInt32LittleEndian(header[(0x4C + 4 * i)..], i == 0 ? 0 : Free);

        var fat = file.AsSpan(512, 512);
        for (var i = 0; i < 128; i++) BinaryPrimitives.WriteUInt32LittleEndian(fat[(4 * i)..], Free);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, FatSector);
        for (var s = 1; s <= directorySectors; s++)
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(4 * s)..], s == directorySectors ? EndOfChain : (uint)s + 1);

        for (var i = 0; i < directorySectors * 4; i++)
        {
            var entry = file.AsSpan(1024 + 128 * i, 128);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], NoEntry);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], NoEntry);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], NoEntry);
            if (i >= all.Count) continue;
            var name = Encoding.Unicode.GetBytes(all[i].Name + "\0");
            name.CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)name.Length);
            entry[66] = all[i].Type;
            BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], right[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], child[i]);
        }
        return file;
    }

    public static byte[] WordDocument => With(("WordDocument", false), ("1Table", false), ("\u0005SummaryInformation", false), ("CompObj", false));
}
