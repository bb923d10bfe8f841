namespace GoChat.GrainInterfaces.Models;

public enum PresenceStatus
{
    Offline = 0,
    Online = 1,
    Away = 2,
}
