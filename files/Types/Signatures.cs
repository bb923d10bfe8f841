using System.Buffers.Binary;

namespace GoChat.Files.Types;

/// <summary>Formats told by their first bytes alone: PDF, pictures, and the audio formats that are not containers.</summary>
internal static class Signatures
{
    public static Sniffed? Match(ReadOnlySpan<byte> head)
    {
        // At offset 0 only, although readers accept a PDF header later on: whatever came before it is what a browser or
        // mail client would look at, and a "PDF" that starts with HTML is a polyglot.
        if (head.StartsWith("%PDF-"u8)) return Sniffed.As(FileTypes.Pdf);
        if (head.Opens(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A) && head.Length >= 16
            && head[12..16].SequenceEqual("IHDR"u8))
            return Sniffed.As(FileTypes.Png);
        if (head.Opens(0xFF, 0xD8, 0xFF)) return Sniffed.As(FileTypes.Jpeg);
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Sniffed.As(FileTypes.Gif);
        if (head.Length >= 16 && head.StartsWith("RIFF"u8))
        {
            var form = head[8..12];
            if (form.SequenceEqual("WEBP"u8) && head[12..15].SequenceEqual("VP8"u8)) return Sniffed.As(FileTypes.WebP);
            if (form.SequenceEqual("WAVE"u8)) return Sniffed.As(FileTypes.Wav);
            return null;
        }
        if (IsBmp(head)) return Sniffed.As(FileTypes.Bmp);
        if (head.StartsWith("OggS"u8)) return Ogg(head);
        if (IsId3(head)) return Sniffed.As(FileTypes.Mp3);
        if (IsAdts(head)) return Sniffed.As(FileTypes.Aac);
        if (IsMpegAudioFrame(head)) return Sniffed.As(FileTypes.Mp3);
        if (head.StartsWith(@"{\rtf"u8))
            return Sniffed.NotAllowed("The file is an RTF document, which can hide objects that run in Word. Send it as a Word document or a PDF.");
        return null;
    }

    // "BM", then a header whose reserved words are zero and whose DIB header has one of the sizes Windows has defined.
    private static bool IsBmp(ReadOnlySpan<byte> head) =>
        head.Length >= 26 && head.StartsWith("BM"u8)
        && BinaryPrimitives.ReadUInt32LittleEndian(head[6..]) == 0
        && BinaryPrimitives.ReadUInt32LittleEndian(head[14..]) is 12 or 40 or 52 or 56 or 64 or 108 or 124;

    // The first page of an Ogg stream holds the codec's identification header; only audio codecs are on the allowlist.
    private static Sniffed? Ogg(ReadOnlySpan<byte> head)
    {
        if (head.Length < 27) return null;
        var packet = 27 + head[26];
        if (head.Length < packet + 8) return null;
        var codec = head[packet..];
        if (codec.StartsWith("OpusHead"u8) || codec.StartsWith("\u0001vorbis"u8) || codec.StartsWith("\u007fFLAC"u8)
            || codec.StartsWith("Speex   "u8))
            return Sniffed.As(FileTypes.OggAudio);
        return Sniffed.NotAllowed("The file is an Ogg stream that is not audio (only Ogg audio, such as Opus or Vorbis, can be sent).");
    }

    // An ID3v2 tag: "ID3", a version of 2 to 4, and a size of four 7-bit bytes. Plain text starting "ID3" fails on the version.
    private static bool IsId3(ReadOnlySpan<byte> head) =>
        head.Length >= 10 && head.StartsWith("ID3"u8) && head[3] is >= 2 and <= 4 && head[4] != 0xFF
        && (head[6] | head[7] | head[8] | head[9]) < 0x80;

    // An AAC ADTS header: 12 bits of sync, layer 0, a sampling-frequency index that exists.
    private static bool IsAdts(ReadOnlySpan<byte> head) =>
        head.Length >= 7 && head[0] == 0xFF && (head[1] & 0xF6) == 0xF0 && ((head[2] >> 2) & 0x0F) < 13;

    // An MPEG audio frame header (an MP3 without a tag): 11 bits of sync, and version, layer, bit rate and sample rate
    // fields that hold no reserved value. Layer II or III only: layer I is all but extinct, and its FF FE is also the
    // byte order mark of UTF-16 text.
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0
        && ((head[1] >> 3) & 0x03) != 1 && ((head[1] >> 1) & 0x03) is 1 or 2
        && (head[2] >> 4) != 0x0F && ((head[2] >> 2) & 0x03) != 3;
}
