namespace GoChat.GrainInterfaces.Models;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<UploadStatus>))]
public enum UploadStatus : short
{
    /// <summary>Bytes are still arriving.</summary>
    Receiving = 0,
    /// <summary>Every byte is in; it is quarantined until its type, its hash and the scanner are done with it.</summary>
    Checking = 1,
    /// <summary>Cleared: it can be sent.</summary>
    Ready = 2,
    /// <summary>Refused for good (type, mismatch, malware, unscannable): it is never delivered.</summary>
    Refused = 3,
}
