using System.Text;

namespace GoChat.Files.Types;

/// <summary>
/// WebM and Matroska files open with an EBML header whose DocType says which of the two the file is. Either can hold
/// audio alone (a MediaRecorder voice note is audio/webm;codecs=opus) or video.
/// </summary>
internal static class Matroska
{
    private const uint EbmlHeader = 0x1A45DFA3;
    private const uint DocType = 0x4282;

    public static Sniffed? Match(ReadOnlySpan<byte> head)
    {
        if (!head.Opens(0x1A, 0x45, 0xDF, 0xA3)) return null;
        var at = 0;
        if (!TryReadId(head, ref at, out var id) || id != EbmlHeader || !TryReadSize(head, ref at, out var size)) return Unknown;
        var end = (int)Math.Min(head.Length, at + size);
        while (at < end)
        {
            if (!TryReadId(head, ref at, out id) || !TryReadSize(head, ref at, out size) || at + size > end) return Unknown;
            if (id == DocType)
            {
                var docType = Encoding.ASCII.GetString(head.Slice(at, (int)size)).TrimEnd('\0');
                return docType switch
                {
                    "webm" => Sniffed.AudioOrVideo(FileTypes.WebmAudio, FileTypes.WebmVideo),
                    "matroska" => Sniffed.AudioOrVideo(FileTypes.MatroskaAudio, FileTypes.MatroskaVideo),
                    _ => Unknown,
                };
            }
            at += (int)size;
        }
        return Unknown;
    }

    private static Sniffed Unknown => Sniffed.NotAllowed("The file is an EBML file that is neither WebM nor Matroska.");

    // Element IDs keep their length marker; they are 1 to 4 bytes long.
    private static bool TryReadId(ReadOnlySpan<byte> data, ref int at, out uint id)
    {
        id = 0;
        if (at >= data.Length || data[at] == 0) return false;
        var length = System.Numerics.BitOperations.LeadingZeroCount((uint)data[at]) - 24 + 1;
        if (length > 4 || at + length > data.Length) return false;
        for (var i = 0; i < length; i++) id = id << 8 | data[at + i];
        at += length;
        return true;
    }

    // Sizes lose their length marker; they are 1 to 8 bytes long, and all ones means "unknown".
    private static bool TryReadSize(ReadOnlySpan<byte> data, ref int at, out long size)
    {
        size = 0;
        if (at >= data.Length || data[at] == 0) return false;
        var length = System.Numerics.BitOperations.LeadingZeroCount((uint)data[at]) - 24 + 1;
        if (at + length > data.Length) return false;
        ulong value = (uint)(data[at] & (0xFF >> length));
        for (var i = 1; i < length; i++) value = value << 8 | data[at + i];
        at += length;
        if (value >= int.MaxValue) return false;
        size = (long)value;
        return true;
    }
}
