namespace GoChat.Gateway.Files;

// TEMPORARY until the name sanitiser lands (files/Types).
public static class UploadNames
{
    public static string Display(string? name)
    {
        var n = (name ?? "").Replace('\\', '/').Split('/').Last().Trim();
        if (n.Length == 0) n = "fail";
        return n.Length > 255 ? n[..255] : n;
    }
}
