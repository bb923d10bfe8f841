using System.Diagnostics;

namespace GoChat.Grains.Telemetry;

/// <summary>GoChat's own spans, on the activity source "GoChat".</summary>
public static class GoChatActivities
{
    public static readonly ActivitySource Source = new(GoChatMetrics.MeterName);

    public const string Append = "message_log.append";
    public const string Commit = "message_log.commit";

    /// <summary>
    /// Starts a child of the current span that outlives the caller's turn, without making it current: what the
    /// caller does next (publishing, acking) belongs to its own span, not to this one. Null when nobody listens
    /// or there is no trace to join: a root span per message would be noise.
    /// </summary>
    public static Activity? StartDetached(string name)
    {
        var current = Activity.Current;
        if (current is null || !Source.HasListeners()) return null;
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        Activity.Current = current;
        return activity;
    }

    /// <summary>Ends a span started elsewhere without disturbing the current one (Stop makes the parent current).</summary>
    public static void StopDetached(Activity activity)
    {
        var current = Activity.Current;
        activity.Stop();
        Activity.Current = current;
    }
}
