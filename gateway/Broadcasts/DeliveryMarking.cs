using System.Security.Cryptography;
using GoChat.Broadcasts.Marks;
using GoChat.Broadcasts.Text;
using GoChat.Gateway.Auth;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Broadcasts;

/// <summary>
/// Makes each recipient's copy of a protected broadcast their own: the text carries an invisible, error-corrected code
/// of (broadcast, recipient) and the seal the same code for the overlay. Applied here, where every copy leaves for a
/// client, so the stored entry is one for all and the code is computed from the recipient alone (nothing is stored).
/// </summary>
public sealed class DeliveryMarking
{
    private readonly DeliveryMarks _marks;

    public DeliveryMarking(IOptions<MarkOptions> options, IOptions<AuthOptions> auth)
    {
        var secret = options.Value.Secret is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(auth.Value.SigningKey), 32, info: "gochat delivery marks v1"u8.ToArray());
        _marks = new DeliveryMarks(secret);
        SecretForDerivation = secret;
    }

    /// <summary>The mark secret, for keys derived from it (the image mark's layout); never sent anywhere.</summary>
    internal byte[] SecretForDerivation { get; }

    public DeliveryMarks Marks => _marks;

    public static bool NeedsMark(ChatMessage message) => message.Broadcast is { Marked: true };

    /// <summary>The recipient's copy: the message itself when it carries no protected broadcast.</summary>
    public ChatMessage For(ChatMessage message, Guid recipient)
    {
        if (message.Broadcast is not { Marked: true } seal) return message;
        var mark = _marks.For(seal.BroadcastId, recipient);
        var text = string.IsNullOrEmpty(message.Text) ? message.Text : TextWatermark.Embed(message.Text, mark);
        return message with { Text = text, Broadcast = seal with { DeliveryCode = DeliveryCodes.Of(mark) } };
    }

    public IReadOnlyList<ChatMessage> For(IReadOnlyList<ChatMessage> messages, Guid recipient) =>
        messages.Any(NeedsMark) ? messages.Select(m => For(m, recipient)).ToList() : messages;

    /// <summary>
    /// The searcher's copy of a page of hits: each text part of a protected broadcast's snippet carries the whole mark,
    /// since a snippet is short and a user may copy any one part of it.
    /// </summary>
    public MessageSearchPage For(MessageSearchPage page, Guid recipient)
    {
        if (!page.Groups.Any(g => g.Hits.Any(h => h.MarkedBroadcastId is not null))) return page;
        return page with
        {
            Groups = [.. page.Groups.Select(g => g with { Hits = [.. g.Hits.Select(h => For(h, recipient))] })],
        };
    }

    private MessageSearchHit For(MessageSearchHit hit, Guid recipient)
    {
        if (hit.MarkedBroadcastId is not { } broadcast) return hit;
        var mark = _marks.For(broadcast, recipient);
        return hit with
        {
            Snippet = [.. hit.Snippet.Select(p => p.Text.Any(char.IsLetterOrDigit) ? p with { Text = TextWatermark.Embed(p.Text, mark) } : p)],
        };
    }
}
