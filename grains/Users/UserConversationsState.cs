namespace GoChat.Grains.Users;

/// <summary>
/// The list itself and its cursors are rows of gochat_cursors; the state only records that the list an earlier
/// release kept in the user grain's state was copied there, so that it is copied once, before any change.
/// </summary>
[GenerateSerializer, Alias("gochat.UserConversationsState")]
public sealed class UserConversationsState
{
    [Id(0)] public bool LegacyImported { get; set; }
}
