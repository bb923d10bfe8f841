using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace GoChat.Bench.Xmpp;

/// <summary>
/// Reads stanzas from the stream's XmlReader, never past the end of a top-level element (so nothing is buffered
/// across the SASL stream restart): control stanzas as small trees, messages and presence without one.
/// </summary>
internal static class StanzaReader
{
    public static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CheckCharacters = false,
        CloseInput = false,
    };

    /// <summary>Reads the next child of the stream root as a small tree; a stream error or close throws.</summary>
    public static async Task<XElement> ReadTopElementAsync(XmlReader reader)
    {
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
            {
                var e = await BuildElementAsync(reader).ConfigureAwait(false);
                if (e.Name == XName.Get("error", XmppNs.Stream))
                {
                    throw new XmppException($"stream error: {e}");
                }
                return e;
            }
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0)
            {
                break;
            }
        }
        throw new XmppException("the server closed the stream");
    }

    /// <summary>
    /// Builds the element the reader is on, and stops on its end tag: unlike XNode.ReadFrom it does not move to
    /// the next node, which for a top-level element would wait for the server's next stanza.
    /// </summary>
    public static async Task<XElement> BuildElementAsync(XmlReader reader)
    {
        var root = NewElement(reader);
        if (reader.IsEmptyElement)
        {
            return root;
        }
        var stack = new Stack<XElement>();
        stack.Push(root);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var e = NewElement(reader);
                    stack.Peek().Add(e);
                    if (!reader.IsEmptyElement)
                    {
                        stack.Push(e);
                    }
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                case XmlNodeType.Whitespace:
                    stack.Peek().Add(new XText(reader.Value));
                    break;
                case XmlNodeType.EndElement:
                    stack.Pop();
                    if (stack.Count == 0)
                    {
                        return root;
                    }
                    break;
            }
        }
        throw new XmppException("connection closed inside a stanza");
    }

    private static XElement NewElement(XmlReader reader)
    {
        var e = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.NamespaceURI != XmppNs.Xmlns)
                {
                    e.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                }
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        return e;
    }

    /// <summary>Reads a message or presence without a tree: from, type, body, MUC status codes, error condition.</summary>
    public static async Task ParseFastAsync(XmlReader reader, StanzaScratch s)
    {
        s.Reset(reader.LocalName);
        s.From = reader.GetAttribute("from");
        s.Type = reader.GetAttribute("type");
        if (reader.IsEmptyElement)
        {
            return;
        }
        int depth = reader.Depth;
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var nodeType = reader.NodeType;
            if (nodeType == XmlNodeType.EndElement)
            {
                if (reader.Depth == depth)
                {
                    return;
                }
                continue;
            }
            if (nodeType != XmlNodeType.Element)
            {
                continue;
            }
            int level = reader.Depth - depth;
            string local = reader.LocalName;
            if (level == 1)
            {
                if (local == "body" && s.Body is null)
                {
                    s.Body = reader.IsEmptyElement ? "" : await ReadTextAsync(reader).ConfigureAwait(false);
                }
                else if (local == "error")
                {
                    s.Error = true;
                }
            }
            else if (level == 2)
            {
                string ns = reader.NamespaceURI;
                if (local == "status" && ns == XmppNs.MucUser)
                {
                    string? code = reader.GetAttribute("code");
                    if (code == "110")
                    {
                        s.Self = true;
                    }
                    else if (code == "201")
                    {
                        s.Created = true;
                    }
                }
                else if (s.Error && s.ErrorCondition is null && ns == XmppNs.Stanzas && local != "text")
                {
                    s.ErrorCondition = local;
                }
            }
        }
        throw new XmppException("connection closed inside a stanza");
    }

    /// <summary>Text of a simple element (the reader is on its start tag); stops on its end tag.</summary>
    private static async Task<string> ReadTextAsync(XmlReader reader)
    {
        string? first = null;
        StringBuilder? more = null;
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                case XmlNodeType.Whitespace:
                    if (first is null)
                    {
                        first = reader.Value;
                    }
                    else
                    {
                        (more ??= new StringBuilder(first)).Append(reader.Value);
                    }
                    break;
                case XmlNodeType.EndElement:
                    return more?.ToString() ?? first ?? "";
                case XmlNodeType.Element:
                    if (!reader.IsEmptyElement)
                    {
                        await reader.SkipAsync().ConfigureAwait(false); // not expected in a body; skip it
                    }
                    break;
            }
        }
        throw new XmppException("connection closed inside a body");
    }
}
