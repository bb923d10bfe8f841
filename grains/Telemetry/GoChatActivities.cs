using System.Diagnostics;

namespace GoChat.Grains.Telemetry;

/// <summary>GoChat's own spans, on the activity source "GoChat".</summary>
public static class GoChatActivities
{
    public static readonly ActivitySource Source = new(GoChatMetrics.MeterName);
}
