using System.ComponentModel.DataAnnotations;

namespace GoChat.Files.Scanning;

/// <summary>Section "Files:Scanning": the policy when no scanner is configured. The scanner itself is <see cref="ClamdOptions"/>.</summary>
public sealed class ScanningOptions
{
    public const string Section = "Files:Scanning";

    /// <summary>
    /// Unset means by environment: <see cref="NoScannerPolicy.AcceptWithWarning"/> in Development, so a developer needs
    /// no clamd to try uploads; <see cref="NoScannerPolicy.Refuse"/> everywhere else, so a forgotten setting in
    /// production never lets files through unscanned.
    /// </summary>
    [EnumDataType(typeof(NoScannerPolicy), ErrorMessage = "Files:Scanning:WhenNoScanner must be Refuse or AcceptWithWarning.")]
    public NoScannerPolicy? WhenNoScanner { get; set; }
}
