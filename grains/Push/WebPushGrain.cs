using Orleans.Concurrency;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Push;

/// <summary>
/// A user's Web Push subscriptions (see <see cref="IWebPushGrain"/>). Stateless: the rows are in PostgreSQL, so
/// any activation anywhere answers the same.
/// </summary>
[StatelessWorker, GrainType("web-push")]
public sealed class WebPushGrain(PushSubscriptionStore store, VapidKeys keys, IOptions<WebPushOptions> options) : Grain, IWebPushGrain
{
    private Guid Id => this.GetPrimaryKey();

    public async Task<WebPushStatus> GetStatus()
    {
        var (allowed, key) = await Allowed();
        return new WebPushStatus(allowed, allowed ? key : null, await store.Count(Id));
    }

    public async Task Subscribe(Guid? deviceId, WebPushSubscription subscription)
    {
        var (endpoint, p256dh, auth) = PushSubscriptionRules.Validate(subscription, options.Value);
        if (!(await Allowed()).Allowed) throw new GoChatException(ErrorCodes.PushNotAllowed, "Your agency has not turned on notifications when GoChat is closed.");
        await store.Save(Id, deviceId, endpoint, p256dh, auth);
    }

    public async Task Unsubscribe(string endpoint)
    {
        await store.DeleteEndpoint(Id, PushSubscriptionRules.ValidateEndpoint(endpoint, options.Value));
    }

    /// <summary>An active account of an agency that opted in, on a platform with a key pair.</summary>
    private async Task<(bool Allowed, string? Key)> Allowed()
    {
        var pair = await keys.Get();
        if (pair is null) return (false, null);
        var account = await GrainFactory.GetGrain<IUserGrain>(Id).GetAccount();
        if (account is not { Status: AccountStatus.Active, AgencyId: { } agency }) return (false, null);
        return (await GrainFactory.GetGrain<IAgencyGrain>(agency).AllowsWebPush(), pair.PublicKey);
    }
}
