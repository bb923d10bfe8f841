namespace GoChat.GrainInterfaces.Models;

/// <summary>Which bytes of an attachment a download asks for.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<FileVariant>))]
public enum FileVariant : byte
{
    /// <summary>The file as it was uploaded, byte for byte.</summary>
    Original = 0,
    Preview = 1,
    Thumbnail = 2,
}
