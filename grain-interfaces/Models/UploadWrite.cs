namespace GoChat.GrainInterfaces.Models;

/// <summary>One request's turn at writing an upload's bytes: the file id its chunks go under, and its number.</summary>
[GenerateSerializer, Immutable, Alias("gochat.upload-write")]
public sealed record UploadWrite(
    [property: Id(0)] Guid FileId,
    [property: Id(1)] int Writer,
    [property: Id(2)] UploadInfo Upload);
