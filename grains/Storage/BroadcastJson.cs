using System.Text.Json;

namespace GoChat.Grains.Storage;

/// <summary>A broadcast's seal in its jsonb column, as clients receive it (the per-recipient code is never stored).</summary>
public static class BroadcastJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(BroadcastSeal seal) => JsonSerializer.Serialize(seal with { DeliveryCode = null }, Options);

    public static BroadcastSeal Read(string json) =>
        JsonSerializer.Deserialize<BroadcastSeal>(json, Options) ?? throw new InvalidDataException("A broadcast's seal is null.");
}
