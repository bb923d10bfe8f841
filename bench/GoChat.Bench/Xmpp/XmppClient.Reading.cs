using System.Net.Sockets;
using System.Xml;
using System.Xml.Linq;
using GoChat.Bench.Measure;

namespace GoChat.Bench.Xmpp;

// The read side: the login phase reads one top-level element at a time (nothing buffered across the SASL
// restart); after login one loop per connection parses messages without a tree and answers control stanzas.
public sealed partial class XmppClient
{
    // login phase

    private async Task<XElement> OpenStreamAsync()
    {
        await SendRawAsync(
            $"<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='{XmppNs.Stream}' to='{Escape(_options.Domain)}' version='1.0'>")
            .ConfigureAwait(false);
        _reader = XmlReader.Create(_stream!, StanzaReader.Settings);
        while (true)
        {
            if (!await _reader.ReadAsync().ConfigureAwait(false))
            {
                throw new XmppException("connection closed before the stream header");
            }
            if (_reader.NodeType == XmlNodeType.Element)
            {
                if (_reader.LocalName == "stream" && _reader.NamespaceURI == XmppNs.Stream && _reader.Depth == 0)
                {
                    break;
                }
                throw new XmppException($"unexpected <{_reader.Name}> before the stream header");
            }
        }
        var features = await StanzaReader.ReadTopElementAsync(_reader!).ConfigureAwait(false);
        if (features.Name != XName.Get("features", XmppNs.Stream))
        {
            throw new XmppException($"expected stream features, got {features}");
        }
        return features;
    }

    private async Task<XElement> ReadIqResultAsync(string id)
    {
        while (true)
        {
            var e = await StanzaReader.ReadTopElementAsync(_reader!).ConfigureAwait(false);
            if (e.Name.LocalName == "iq" && (string?)e.Attribute("id") == id)
            {
                if ((string?)e.Attribute("type") != "result")
                {
                    throw new XmppException($"iq {id} failed: {e}");
                }
                return e;
            }
        }
    }

    // ---- reading: after login ----

    private async Task ReadLoopAsync()
    {
        var reader = _reader!;
        try
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
                {
                    Interlocked.Increment(ref _stanzas);
                    string name = reader.LocalName;
                    if ((name == "message" || name == "presence") && reader.NamespaceURI != XmppNs.Stream)
                    {
                        await StanzaReader.ParseFastAsync(reader, _scratch).ConfigureAwait(false);
                        Dispatch(_scratch);
                    }
                    else
                    {
                        var e = await StanzaReader.BuildElementAsync(reader).ConfigureAwait(false);
                        if (e.Name == XName.Get("error", XmppNs.Stream))
                        {
                            throw new XmppException($"stream error: {e}");
                        }
                        await HandleControlAsync(e).ConfigureAwait(false);
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0)
                {
                    break; // the server closed its stream
                }
            }
            if (!_closing)
            {
                Error ??= new XmppException("the server closed the stream");
            }
        }
        catch (Exception e) when (e is IOException or XmlException or ObjectDisposedException or SocketException
                                      or XmppException or InvalidOperationException)
        {
            if (!_closing)
            {
                Error = e;
            }
        }
        finally
        {
            _closed = true;
            var failure = Error ?? new XmppException("connection closed");
            foreach (var tcs in _iqs.Values)
            {
                tcs.TrySetException(failure);
            }
            foreach (var tcs in _joins.Values)
            {
                tcs.TrySetException(failure);
            }
            if (!_closing)
            {
                _socket?.Dispose();
            }
        }
    }

    private void Dispatch(StanzaScratch s)
    {
        if (s.Name == "message")
        {
            if (s.Type == "error")
            {
                Interlocked.Increment(ref _messageErrors);
                return;
            }
            if (s.Body is not null)
            {
                _onMessage?.Invoke(new XmppMessage(s.From, s.Type, s.Body));
            }
            return;
        }
        // presence: only MUC joins in progress care.
        if (_joins.IsEmpty || s.From is null)
        {
            return;
        }
        int slash = s.From.IndexOf('/');
        string bare = slash < 0 ? s.From : s.From[..slash];
        if (!_joins.TryGetValue(bare, out var join))
        {
            return;
        }
        if (s.Type == "error")
        {
            join.TrySetException(new XmppException($"joining {bare} failed: {s.ErrorCondition ?? "error"}"));
        }
        else if (s.Self)
        {
            join.TrySetResult(s.Created);
        }
    }

    private async Task HandleControlAsync(XElement e)
    {
        if (e.Name.LocalName != "iq")
        {
            return;
        }
        string? type = (string?)e.Attribute("type");
        string? id = (string?)e.Attribute("id");
        if (type is "result" or "error")
        {
            if (id is not null && _iqs.TryGetValue(id, out var tcs))
            {
                tcs.TrySetResult(e);
            }
            return;
        }
        // A get or set from the server: answer pings, refuse the rest (RFC 6120 8.2.3).
        string from = (string?)e.Attribute("from") is { } f ? $" to='{Escape(f)}'" : "";
        string idAttr = Escape(id ?? "");
        if (e.Element(XName.Get("ping", XmppNs.Ping)) is not null)
        {
            await SendRawAsync($"<iq type='result' id='{idAttr}'{from}/>").ConfigureAwait(false);
        }
        else
        {
            await SendRawAsync(
                $"<iq type='error' id='{idAttr}'{from}><error type='cancel'><service-unavailable xmlns='{XmppNs.Stanzas}'/></error></iq>")
                .ConfigureAwait(false);
        }
    }
}
