using System.Buffers.Binary;
using System.Text;

namespace GoChat.Files.Types;

/// <summary>
/// ISO base media files (MP4, M4A, MOV, 3GP, HEIC) open with an 'ftyp' box naming the brands the file conforms to. Some
/// brands say audio or video or picture outright; the common ones (isom, mp42, iso5...) fit audio and video alike.
/// </summary>
internal static class IsoMedia
{
    private static readonly HashSet<string> HeicBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx"];
    private static readonly HashSet<string> HeifBrands = ["mif1", "msf1"];
    private static readonly HashSet<string> AvifBrands = ["avif", "avis"];
    private static readonly HashSet<string> AudioBrands = ["M4A ", "M4B ", "F4A ", "F4B "];
    private static readonly HashSet<string> VideoBrands = ["M4V ", "M4VH", "M4VP", "F4V ", "F4P "];
    private static readonly HashSet<string> Mp4Brands = ["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9",
        "mp41", "mp42", "mp71", "avc1", "dash", "mmp4", "MSNV", "NDAS", "cmfc", "cmf2"];

    public static Sniffed? Match(ReadOnlySpan<byte> head)
    {
        if (head.Length < 16 || !head[4..8].SequenceEqual("ftyp"u8)) return null;
        var size = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (size < 16 || size > head.Length || size % 4 != 0) return null;

        var major = Brand(head[8..12]);
        var brands = new List<string> { major };
        for (var at = 16; at + 4 <= size; at += 4) brands.Add(Brand(head[at..(at + 4)]));

        if (HeicBrands.Contains(major) || HeifBrands.Contains(major) || AvifBrands.Contains(major))
        {
            if (brands.Any(HeicBrands.Contains)) return Sniffed.As(FileTypes.Heic);
            if (brands.Any(AvifBrands.Contains)) return Sniffed.NotAllowed("The file is an AVIF picture, which GoChat does not accept yet. Send it as JPEG or PNG.");
            return Sniffed.As(FileTypes.Heif);
        }
        // The major brand says what the file mainly is; the compatible ones are read only when the major one is unknown.
        foreach (var brand in brands)
        {
            if (AudioBrands.Contains(brand)) return Sniffed.As(FileTypes.Mp4Audio);
            if (VideoBrands.Contains(brand)) return Sniffed.As(FileTypes.Mp4Video);
            if (brand == "qt  ") return Sniffed.As(FileTypes.QuickTime);
            if (brand.StartsWith("3g2", StringComparison.Ordinal)) return Sniffed.AudioOrVideo(FileTypes.ThreeGpp2Audio, FileTypes.ThreeGpp2Video);
            if (brand.StartsWith("3g", StringComparison.Ordinal)) return Sniffed.AudioOrVideo(FileTypes.ThreeGppAudio, FileTypes.ThreeGppVideo);
            if (Mp4Brands.Contains(brand)) return Sniffed.AudioOrVideo(FileTypes.Mp4Audio, FileTypes.Mp4Video);
        }
        return null;
    }

    private static string Brand(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
