using System.ComponentModel.DataAnnotations;

namespace GoChat.Grains.Channels;

/// <summary>
/// Section "Broadcasts": the classification levels, lowest first, and from which level a broadcast's copies carry
/// per-recipient marks and may not leave the channel's audience. RAHSIA and RAHSIA BESAR are not in the default
/// list: the platform is not accredited for them, so a post at either is refused as any unknown level is.
/// </summary>
public sealed class BroadcastOptions : IValidatableObject
{
    public const string Section = "Broadcasts";

    /// <summary>Levels above what GoChat may carry, refused even if configured: said plainly at start, not at the first post.</summary>
    public static readonly IReadOnlySet<string> Unaccredited = new HashSet<string>(StringComparer.Ordinal) { "RAHSIA", "RAHSIA BESAR" };

    public static readonly IReadOnlyList<string> DefaultLevels = ["TERBUKA", "TERHAD", "SULIT"];

    /// <summary>Null for <see cref="DefaultLevels"/>: a configured list replaces the default rather than adding to it.</summary>
    public List<string>? Levels { get; set; }

    public IReadOnlyList<string> Ordered => Levels is { Count: > 0 } levels ? levels : DefaultLevels;

    /// <summary>The lowest level whose copies are marked, whose forwards stay in the audience and whose copying is audited.</summary>
    [Required] public string ProtectedFrom { get; set; } = "TERHAD";

    /// <summary>Set to allow RAHSIA levels once an accreditation covers them; off, they are refused.</summary>
    public bool AccreditedAboveSulit { get; set; }

    /// <summary>The level's rank (0 lowest), or -1 for a level this platform does not accept.</summary>
    public int RankOf(string level) => Ordered.ToList().IndexOf(level) is var i && i >= 0 && (AccreditedAboveSulit || !Unaccredited.Contains(level)) ? i : -1;

    public bool IsProtected(string level) => RankOf(level) >= Ordered.ToList().IndexOf(ProtectedFrom);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var levels = Ordered;
        if (levels.Distinct(StringComparer.Ordinal).Count() != levels.Count) yield return new ValidationResult("Broadcasts:Levels names a level twice.");
        if (levels.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > 40)) yield return new ValidationResult("Broadcasts:Levels holds an empty or overlong level.");
        if (!levels.Contains(ProtectedFrom)) yield return new ValidationResult("Broadcasts:ProtectedFrom must be one of Broadcasts:Levels.");
        if (!AccreditedAboveSulit && levels.Any(Unaccredited.Contains))
        {
            yield return new ValidationResult("Broadcasts:Levels names RAHSIA or RAHSIA BESAR, which this platform is not accredited for (Broadcasts:AccreditedAboveSulit).");
        }
    }
}
