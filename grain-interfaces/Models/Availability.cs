using System.Text.Json.Serialization;

namespace GoChat.GrainInterfaces.Models;

/// <summary>What a person says about reaching them, independent of whether a device is connected (presence).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Availability>))]
public enum Availability
{
    Available = 0,
    Busy = 1,
    InMeeting = 2,
    OutOfOffice = 3,
}
