namespace GoChat.Files.Images;

/// <summary>One picture made by the server: encoded from pixels only, upright, with nothing else in the file.</summary>
public sealed record RenditionPicture(string ContentType, byte[] Data, int Width, int Height);
