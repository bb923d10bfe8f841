using System.Text.Json;

namespace GoChat.Grains.Storage;

/// <summary>A message's attachments in its jsonb column: the record as clients receive it, so reading one back needs no join.</summary>
public static class AttachmentJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(IReadOnlyList<Attachment> attachments) => JsonSerializer.Serialize(attachments, Options);

    public static IReadOnlyList<Attachment> Read(string json) =>
        JsonSerializer.Deserialize<Attachment[]>(json, Options) ?? throw new InvalidDataException("A message's attachments are null.");
}
