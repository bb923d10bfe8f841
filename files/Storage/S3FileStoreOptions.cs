using System.ComponentModel.DataAnnotations;

namespace GoChat.Files.Storage;

/// <summary>
/// Section "Files:S3": the S3-compatible store an agency keeps files in when it chooses <c>Files:Store = s3</c>. The
/// access key and secret come from the environment or a secret store (Files__S3__AccessKey, Files__S3__SecretKey);
/// they have no defaults, so a deployment that forgets them fails at start rather than at the first upload.
/// </summary>
public sealed class S3FileStoreOptions
{
    public const string Section = "Files:S3";

    /// <summary>The store's endpoint, such as https://s3.agency.gov.my. Empty means AWS itself, found by <see cref="Region"/>.</summary>
    [Url] public string? ServiceUrl { get; set; }

    [Required] public string Bucket { get; set; } = "";

    /// <summary>The AWS region, or the region a non-AWS store signs requests for (most accept us-east-1).</summary>
    [Required] public string Region { get; set; } = "us-east-1";

    /// <summary>Put before every key, so one bucket can hold more than GoChat's files (such as "gochat/").</summary>
    public string Prefix { get; set; } = "";

    [Required] public string AccessKey { get; set; } = "";

    [Required] public string SecretKey { get; set; } = "";

    /// <summary>
    /// Bucket in the path (https://host/bucket/key) rather than in the host name: on-premises stores rarely have a
    /// wildcard DNS name and certificate for every bucket.
    /// </summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Not AWS itself: a store that may not know the newer checksums AWS SDK v4 sends by default.</summary>
    public bool IsOtherThanAws => !string.IsNullOrEmpty(ServiceUrl);
}
