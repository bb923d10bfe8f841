using System.Collections.Concurrent;

namespace GoChat.Grains.Tests;

/// <summary>Records the presence changes pushed to one watching "gateway".</summary>
public sealed class PresenceRecorder : Recorder, IPresenceObserver
{
    private readonly ConcurrentQueue<PresenceInfo> _changes = new();
    private int _unsubscribed;

    public IReadOnlyList<PresenceInfo> Changes => [.. _changes];

    public int Unsubscribed => Volatile.Read(ref _unsubscribed);

    public IReadOnlyList<PresenceStatus> Statuses(Guid userId) => [.. _changes.Where(p => p.UserId == userId).Select(p => p.Status)];

    public Task OnPresenceChanged(PresenceInfo presence)
    {
        _changes.Enqueue(presence);
        Arrived();
        return Task.CompletedTask;
    }

    public Task OnUnsubscribed(Guid userId)
    {
        Interlocked.Increment(ref _unsubscribed);
        Arrived();
        return Task.CompletedTask;
    }
}
