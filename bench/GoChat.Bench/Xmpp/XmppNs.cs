namespace GoChat.Bench.Xmpp;

/// <summary>The XML namespaces of the XMPP stanzas the benchmark's client speaks.</summary>
internal static class XmppNs
{
    public const string Stream = "http://etherx.jabber.org/streams";
    public const string Sasl = "urn:ietf:params:xml:ns:xmpp-sasl";
    public const string Bind = "urn:ietf:params:xml:ns:xmpp-bind";
    public const string Session = "urn:ietf:params:xml:ns:xmpp-session";
    public const string Stanzas = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public const string Ping = "urn:xmpp:ping";
    public const string Muc = "http://jabber.org/protocol/muc";
    public const string MucUser = Muc + "#user";
    public const string MucOwner = Muc + "#owner";
    public const string Xmlns = "http://www.w3.org/2000/xmlns/";
}
