using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using GoChat.Broadcasts.Signing;
using GoChat.Broadcasts.Text;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Channels;

/// <summary>
/// Signs each broadcast with its agency's active key (Broadcasts:Signing). A deployment without keys posts unsigned
/// broadcasts, which clients show as unverifiable; an agency without a key of its own likewise.
/// </summary>
public sealed class BroadcastSigner(IOptions<BroadcastSigningOptions> options)
{
    private readonly Lazy<AgencyKeyRing?> _ring = new(() => Configured(options.Value) ? AgencyKeyRing.FromOptions(options.Value) : null);

    public static bool Configured(BroadcastSigningOptions o) => o.RootPublicKeys.Count > 0 || o.Keys.Count > 0;

    /// <summary>The seal with its signature, certificate and canonical text hash filled in.</summary>
    public BroadcastSeal Sign(BroadcastSeal seal, Guid channelId, DateTimeOffset postedAt, string text, IReadOnlyList<string> attachmentSha256)
    {
        var canonical = CanonicalText.Of(text);
        seal = seal with
        {
            TextSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))),
            AttachmentSha256 = attachmentSha256.Count > 0 ? attachmentSha256 : null,
        };
        var agency = seal.AgencyId.ToString("D");
        if (_ring.Value is not { } ring || ring.ActiveCertificate(agency) is not { } certificate || !certificate.IsValidAt(postedAt)) return seal;
        var signature = ring.Sign(Payload(seal, channelId, postedAt, text, attachmentSha256));
        return seal with { KeyId = signature.KeyId, Signature = Base64Url.EncodeToString(signature.Signature), Certificate = certificate.Encode() };
    }

    /// <summary>Checks a stored broadcast against its signature, with the certificates this deployment knows.</summary>
    public BroadcastSignatureCheck Verify(ChatMessage message)
    {
        if (message.Broadcast is not { Signature: { } signature, KeyId: { } keyId } seal) return BroadcastSignatureCheck.Unsigned;
        if (_ring.Value is not { } ring) return BroadcastSignatureCheck.Forged;
        var payload = Payload(seal, message.ConversationId, message.SentAt, message.Text ?? "", seal.AttachmentSha256 ?? []);
        if (!Base64Url.IsValid(signature)) return BroadcastSignatureCheck.Forged;
        var result = ring.Verify(payload, new BroadcastSignature(keyId, Base64Url.DecodeFromChars(signature)));
        return result.IsVerified && result.AgencyId == seal.AgencyId.ToString("D") ? BroadcastSignatureCheck.Verified : BroadcastSignatureCheck.Forged;
    }

    /// <summary>What is signed: the same fields a client reads off the delivered broadcast (docs/broadcasts/signatures.md).</summary>
    public static BroadcastPayload Payload(BroadcastSeal seal, Guid channelId, DateTimeOffset postedAt, string text, IReadOnlyList<string> attachmentSha256) =>
        new(seal.BroadcastId, channelId, seal.AgencyId.ToString("D"), seal.Level, seal.Tags, postedAt, text, attachmentSha256);

}
