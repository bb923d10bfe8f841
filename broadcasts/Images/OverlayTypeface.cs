using SkiaSharp;

namespace GoChat.Broadcasts.Images;

/// <summary>
/// The typeface the overlay is written in. The Linux native assets we ship have no fontconfig, so Skia's default
/// typeface there is empty and draws nothing — an overlay that silently is not there. Then a sans-serif from the
/// usual font folders is loaded instead, and with none at all marking refuses rather than send an unmarked copy.
/// </summary>
internal static class OverlayTypeface
{
    private static readonly Lazy<SKTypeface> Resolved = new(Resolve);

    public static SKTypeface Value => Resolved.Value;

    private static readonly string[] Known =
    [
        // The gateway image carries its own copy (a chiseled base image has no font folders).
        Path.Combine(AppContext.BaseDirectory, "fonts", "DejaVuSans.ttf"),
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/noto/NotoSans-Regular.ttf",
    ];

    private static SKTypeface Resolve()
    {
        if (SKTypeface.Default.GlyphCount > 0) return SKTypeface.Default;
        foreach (var path in Known.Concat(Scan()))
        {
            if (!File.Exists(path)) continue;
            var typeface = SKTypeface.FromFile(path);
            if (typeface is { GlyphCount: > 0 }) return typeface;
            typeface?.Dispose();
        }
        throw new InvalidOperationException("No font to draw the visible image mark with: install one (e.g. fonts-dejavu-core) on this host.");
    }

    private static IEnumerable<string> Scan()
    {
        const string root = "/usr/share/fonts";
        if (!Directory.Exists(root)) return [];
        return Directory.EnumerateFiles(root, "*.ttf", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
    }
}
