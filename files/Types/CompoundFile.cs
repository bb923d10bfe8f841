using System.Buffers.Binary;
using System.Text;

namespace GoChat.Files.Types;

/// <summary>
/// Word, Excel and PowerPoint 97-2003 files are OLE compound files, and so are Windows installers (msi), Outlook
/// messages and password-protected Office Open XML files. The streams at the root of the file's directory say which it
/// is: WordDocument, Workbook (or Book) or "PowerPoint Document". Only the header, the directory and the FAT sectors that
/// chain the directory are read.
/// </summary>
internal sealed class CompoundFile
{
    public static ReadOnlySpan<byte> Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private const uint LastSector = 0xFFFFFFFA; // higher values mark free sectors and the ends of chains
    private const uint NoEntry = 0xFFFFFFFF;
    private const int EntrySize = 128;
    private const int HeaderDifatEntries = 109;
    // Enough for thousands of entries; the root's own streams come first in every file we have seen.
    private const int MaxDirectorySectors = 256;

    private readonly Stream content;
    private readonly byte[] header;
    private readonly int sectorSize;
    private readonly Dictionary<uint, byte[]> sectors = [];

    private CompoundFile(Stream content, byte[] header, int sectorShift)
    {
        this.content = content;
        this.header = header;
        sectorSize = 1 << sectorShift;
    }

    public static async Task<Sniffed> Sniff(byte[] head, Stream content, CancellationToken cancellationToken)
    {
        var names = head.Length >= 512 && BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(0x1E)) is var shift && shift is 9 or 12
            ? await new CompoundFile(content, head[..512], shift).RootNames(cancellationToken)
            : null;
        if (names is null) return Sniffed.NotAllowed("The file starts like an Office 97-2003 document but cannot be read; it may be damaged.");

        if (names.Contains("EncryptedPackage") && names.Contains("EncryptionInfo"))
            return Sniffed.NotAllowed("The file is a password-protected Office document; GoChat cannot check what is inside it. Send it without the password.");
        // Macros are refused as in docm and xlsm. PowerPoint 97-2003 keeps its VBA inside the presentation stream, where
        // it cannot be seen without parsing the records; that gap is left to the virus scanner.
        if (names.Contains("WordDocument"))
            return names.Contains("Macros") ? Macros() : Sniffed.As(FileTypes.Doc);
        if (names.Contains("Workbook") || names.Contains("Book"))
            return names.Contains("_VBA_PROJECT_CUR") ? Macros() : Sniffed.As(FileTypes.Xls);
        if (names.Contains("PowerPoint Document")) return Sniffed.As(FileTypes.Ppt);
        return Sniffed.NotAllowed("The file is an OLE compound file that is not a Word, Excel or PowerPoint document (an installer or an Outlook message, for example).");
    }

    private static Sniffed Macros() =>
        Sniffed.NotAllowed("The file is an Office document with macros, and documents with macros cannot be sent. Save it without macros.");

    /// <summary>The names of the streams and storages directly under the root, or null when the directory is unreadable.</summary>
    private async Task<HashSet<string>?> RootNames(CancellationToken cancellationToken)
    {
        var directory = new List<byte>();
        var sector = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x30));
        for (var read = 0; sector <= LastSector && read < MaxDirectorySectors; read++)
        {
            var bytes = await Sector(sector, cancellationToken);
            if (bytes is null) return null;
            directory.AddRange(bytes);
            var next = await Next(sector, cancellationToken);
            if (next is null) return null;
            sector = next.Value;
        }
        var entries = directory.ToArray();
        var entryCount = entries.Length / EntrySize;
        if (entryCount == 0 || entries[66] != 5) return null; // entry 0 is the root

        // The root's children are a tree joined by left and right sibling links, starting at the root's child.
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<uint>([Link(entries, 0, 76)]);
        var seen = new HashSet<uint>();
        while (pending.TryPop(out var index))
        {
            if (index == NoEntry || index >= entryCount || !seen.Add(index)) continue;
            var entry = entries.AsSpan((int)index * EntrySize, EntrySize);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[64..]);
            if (nameLength is >= 2 and <= 64 && nameLength % 2 == 0 && entry[66] is 1 or 2)
                names.Add(Encoding.Unicode.GetString(entry[..(nameLength - 2)]));
            pending.Push(Link(entries, index, 68));
            pending.Push(Link(entries, index, 72));
        }
        return names;
    }

    private static uint Link(byte[] entries, uint index, int field) =>
        BinaryPrimitives.ReadUInt32LittleEndian(entries.AsSpan((int)index * EntrySize + field));

    /// <summary>The sector after <paramref name="sector"/> in its chain, from the FAT sector that covers it.</summary>
    private async Task<uint?> Next(uint sector, CancellationToken cancellationToken)
    {
        var perSector = (uint)sectorSize / 4;
        var fatSector = await DifatEntry(sector / perSector, cancellationToken);
        if (fatSector is null) return null;
        var fat = await Sector(fatSector.Value, cancellationToken);
        if (fat is null) return null;
        return BinaryPrimitives.ReadUInt32LittleEndian(fat.AsSpan((int)(sector % perSector) * 4));
    }

    /// <summary>Where the <paramref name="index"/>th FAT sector is: in the header for the first 109, then along the DIFAT chain.</summary>
    private async Task<uint?> DifatEntry(uint index, CancellationToken cancellationToken)
    {
        if (index < HeaderDifatEntries) return BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x4C + (int)index * 4));
        var perSector = (uint)sectorSize / 4 - 1; // the last word of a DIFAT sector links to the next one
        var difat = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x44));
        var difatSectors = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x48));
        index -= HeaderDifatEntries;
        for (uint hop = 0; hop < difatSectors; hop++)
        {
            var bytes = await Sector(difat, cancellationToken);
            if (bytes is null) return null;
            if (index < perSector) return BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)index * 4));
            index -= perSector;
            difat = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)perSector * 4));
        }
        return null;
    }

    private async Task<byte[]?> Sector(uint sector, CancellationToken cancellationToken)
    {
        if (sector > LastSector) return null;
        if (sectors.TryGetValue(sector, out var cached)) return cached;
        var offset = (sector + 1L) * sectorSize;
        var bytes = new byte[sectorSize];
        // The last sector may be cut short by writers that do not pad the file; what is missing reads as zeros.
        if (await content.ReadAt(offset, bytes, cancellationToken) == 0) return null;
        sectors[sector] = bytes;
        return bytes;
    }
}
