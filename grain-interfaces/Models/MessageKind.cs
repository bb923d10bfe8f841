namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// What a log entry is. Edits, deletes and membership changes take a sequence number of their own,
/// so a client that syncs by seq learns of them exactly like of new messages.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MessageKind>))]
public enum MessageKind : short
{
    Text = 0,
    Edit = 1,
    Delete = 2,
    /// <summary>A member added the emoji in Text to the message in TargetSeq (issue 14).</summary>
    ReactionAdded = 3,
    /// <summary>A member took their emoji in Text off the message in TargetSeq.</summary>
    ReactionRemoved = 4,
    Created = 10,
    MemberAdded = 11,
    MemberRemoved = 12,
    MemberLeft = 13,
    Renamed = 14,
    RoleChanged = 15,
    /// <summary>A group admin set the group's description to Text (null: removed it).</summary>
    DescriptionChanged = 16,
    /// <summary>A group admin set a new group photo (Text "set") or removed it (Text null).</summary>
    PhotoChanged = 17,
}
