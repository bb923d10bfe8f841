using System.Diagnostics.CodeAnalysis;

namespace GoChat.Files.Types;

/// <summary>What <see cref="FileTypeSniffer"/> decided: the type to serve the file as, or a refusal with its code and reason.</summary>
public sealed record FileTypeVerdict
{
    private FileTypeVerdict(FileType? type, string? code, string? reason)
    {
        Type = type;
        Code = code;
        Reason = reason;
    }

    public FileType? Type { get; }

    /// <summary>One of <see cref="FileTypeErrorCodes"/> when refused.</summary>
    public string? Code { get; }

    /// <summary>A sentence for the person who sent the file.</summary>
    public string? Reason { get; }

    [MemberNotNullWhen(true, nameof(Type))]
    [MemberNotNullWhen(false, nameof(Code), nameof(Reason))]
    public bool Accepted => Type is not null;

    public static FileTypeVerdict Accept(FileType type) => new(type, null, null);

    public static FileTypeVerdict Refuse(string code, string reason) => new(null, code, reason);
}
