namespace GoChat.GrainInterfaces;

/// <summary>
/// One user's Web Push subscriptions (issue 14), keyed by user id. The rows live in PostgreSQL
/// (gochat_push_subscriptions), so any activation serves them; the push sender reads them with one query per batch
/// of messages, never through this grain.
/// </summary>
[Alias("gochat.IWebPushGrain")]
public interface IWebPushGrain : IGrainWithGuidKey
{
    /// <summary>Whether the user's agency allows Web Push (and the platform has a VAPID key pair), and the key the browser subscribes with.</summary>
    [Alias("GetStatus")] Task<WebPushStatus> GetStatus();

    /// <summary>
    /// Stores the browser's subscription for this device (replacing the device's earlier one). INVALID_PUSH_SUBSCRIPTION
    /// for a malformed endpoint or keys, PUSH_NOT_ALLOWED when the agency has not opted in; neither stores anything.
    /// </summary>
    [Alias("Subscribe")] Task Subscribe(Guid? deviceId, WebPushSubscription subscription);

    /// <summary>Forgets the subscription with this endpoint, if it is this user's.</summary>
    [Alias("Unsubscribe")] Task Unsubscribe(string endpoint);
}
