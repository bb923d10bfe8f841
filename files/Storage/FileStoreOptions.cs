using System.ComponentModel.DataAnnotations;

namespace GoChat.Files.Storage;

/// <summary>Section "Files": which store new files are written to. Files already stored stay where they are.</summary>
public sealed class FileStoreOptions
{
    public const string Section = "Files";

    /// <summary>"postgres" (chunks in the agency's database, the default) or "s3" (configured under Files:S3).</summary>
    [Required, AllowedValues(PostgresFileStore.StoreName, S3FileStore.StoreName, ErrorMessage = "Files:Store is \"postgres\" or \"s3\".")]
    public string Store { get; set; } = PostgresFileStore.StoreName;
}
