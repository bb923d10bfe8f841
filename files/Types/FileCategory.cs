namespace GoChat.Files.Types;

/// <summary>What kind of thing an accepted file is, for the client to choose how to show it.</summary>
public enum FileCategory
{
    Document,
    Image,
    Audio,
    Video,
    Text,
    Archive,
}
