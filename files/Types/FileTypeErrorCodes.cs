namespace GoChat.Files.Types;

/// <summary>Why a file was refused, as stable codes clients can switch on; <see cref="FileTypeVerdict.Reason"/> is for people.</summary>
public static class FileTypeErrorCodes
{
    /// <summary>The content (or the name's extension) is not on the allowlist: programs, scripts, web pages, unknown bytes.</summary>
    public const string NotAllowed = "FILE_TYPE_NOT_ALLOWED";

    /// <summary>The content is on the allowlist, but the name says it is something else (a PDF named .docx).</summary>
    public const string Mismatch = "FILE_TYPE_MISMATCH";
}
