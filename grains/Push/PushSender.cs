using System.Net;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Push;

public enum PushOutcome { Delivered, Gone, Failed }

/// <summary>
/// One push to one subscription, through Lib.Net.Http.WebPush: aes128gcm (RFC 8291), VAPID (RFC 8292, "vapid"
/// scheme), and the RFC 8030 headers. The payload is the same fixed text for everyone: it passes through the
/// browser vendor's push service, so it names no sender, no conversation and no words (docs/security/web-push.md).
/// </summary>
public sealed class PushSender(HttpClient http, IOptions<WebPushOptions> options, ILogger<PushSender> logger)
{
    /// <summary>All a push says. The service worker shows "Mesej baharu dalam GoChat"; the app fetches the rest itself.</summary>
    public const string Payload = """{"v":1,"kind":"new-message"}""";

    /// <summary>RFC 8030 section 5.4: a push service keeps only the newest undelivered push of a topic, so a burst makes one.</summary>
    public const string Topic = "gochat-new-message";

    /// <summary>The JWT's lifetime: RFC 8292 allows at most 24 hours.</summary>
    public const int TokenSeconds = 12 * 3600;

    private readonly PushServiceClient _client = new(http) { AutoRetryAfter = false };

    public async Task<PushOutcome> Send(StoredPushSubscription subscription, VapidKeyPair keys, CancellationToken cancellationToken)
    {
        var target = new PushSubscription { Endpoint = subscription.Endpoint };
        target.SetKey(PushEncryptionKeyName.P256DH, Base64Url.Encode(subscription.P256dh));
        target.SetKey(PushEncryptionKeyName.Auth, Base64Url.Encode(subscription.Auth));
        var message = new PushMessage(Payload)
        {
            Topic = Topic,
            Urgency = PushMessageUrgency.Normal,
            TimeToLive = options.Value.TimeToLiveSeconds,
        };
        using var vapid = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = options.Value.Subject, Expiration = TokenSeconds };
        try
        {
            await _client.RequestPushMessageDeliveryAsync(target, message, vapid, VapidAuthenticationScheme.Vapid, cancellationToken);
            return PushOutcome.Delivered;
        }
        catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return PushOutcome.Gone;
        }
        catch (Exception ex) when (ex is PushServiceClientException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The endpoint's host only: its path identifies the browser.
            logger.LogWarning(ex, "Web Push to {PushHost} for {UserId} failed", new Uri(subscription.Endpoint).Host, subscription.UserId);
            return PushOutcome.Failed;
        }
    }
}
