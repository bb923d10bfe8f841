using System.Collections.Concurrent;
using GoChat.GrainInterfaces.Events;

namespace GoChat.Grains.Tests;

/// <summary>Records the user events pushed to one attached "gateway".</summary>
public sealed class UserEventRecorder : Recorder, IUserEventObserver
{
    private readonly ConcurrentQueue<(Guid UserId, UserEvent Event)> _events = new();

    public IReadOnlyList<(Guid UserId, UserEvent Event)> Events => [.. _events];

    public Task OnUserEvent(Guid userId, UserEvent evt)
    {
        _events.Enqueue((userId, evt));
        Arrived();
        return Task.CompletedTask;
    }

    public Task OnUnsubscribed(Guid userId)
    {
        Arrived();
        return Task.CompletedTask;
    }
}
