namespace GoChat.GrainInterfaces.Models;

/// <summary>How a message shows a file: a document to download, a picture, a voice note or a video.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AttachmentKind>))]
public enum AttachmentKind : byte
{
    File = 0,
    Image = 1,
    Voice = 2,
    Video = 3,
    Audio = 4,
}
