namespace GoChat.GrainInterfaces;

/// <summary>
/// A gateway's receiver of presence changes of the users its connections watch. One-way and leased; each renewal
/// returns the presence at that moment, so a lost change is corrected then.
/// </summary>
[Alias("gochat.IPresenceObserver")]
public interface IPresenceObserver : IGrainObserver
{
    [OneWay, Alias("OnPresenceChanged")] Task OnPresenceChanged(PresenceInfo presence);

    /// <summary>The user's activation is going away and forgets its watchers: watch again.</summary>
    [OneWay, Alias("OnUnsubscribed")] Task OnUnsubscribed(Guid userId);
}
