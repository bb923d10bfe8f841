namespace GoChat.Bench.Xmpp;

/// <summary>What the client needs of a message or presence, refilled for each one on the read loop.</summary>
internal sealed class StanzaScratch
{
    public string Name = "";
    public string? From;
    public string? Type;
    public string? Body;
    public bool Self;
    public bool Created;
    public bool Error;
    public string? ErrorCondition;

    public void Reset(string name)
    {
        Name = name;
        From = Type = Body = ErrorCondition = null;
        Self = Created = Error = false;
    }
}
