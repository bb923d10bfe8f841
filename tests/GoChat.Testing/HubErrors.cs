namespace GoChat.Testing;

public static class HubErrors
{
    private const string Marker = "HubException: ";

    /// <summary>
    /// The code of a hub error. SignalR sends "An unexpected error occurred invoking 'X' on the server.
    /// HubException: CODE: text"; the code is the word after the marker, as every GoChat client reads it.
    /// </summary>
    public static string? Code(Exception error)
    {
        var at = error.Message.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = error.Message[(at + Marker.Length)..];
        var colon = rest.IndexOf(':');
        return colon > 0 ? rest[..colon] : null;
    }

    public static void AssertCode(string expectedCode, Exception error)
    {
        if (Code(error) != expectedCode)
        {
            throw new Xunit.Sdk.XunitException($"Expected error code {expectedCode}, got: {error.Message}");
        }
    }
}
