using System.Collections.Concurrent;

namespace GoChat.Grains.Tests;

/// <summary>Records the presence changes pushed to one watching "gateway".</summary>
public sealed class PresenceRecorder : Recorder, IPresenceObserver
{
    private readonly ConcurrentQueue<PresenceInfo> _changes = new();
    private int _unsubscribed;

    /// <summary>In the order the grain made them (by version), as a gateway applies them, not the order they arrived in.</summary>
    public IReadOnlyList<PresenceInfo> Changes => [.. _changes.OrderBy(p => p.Version)];

    public int Unsubscribed => Volatile.Read(ref _unsubscribed);

    public IReadOnlyList<PresenceStatus> Statuses(Guid userId) => [.. Changes.Where(p => p.UserId == userId).Select(p => p.Status)];

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
