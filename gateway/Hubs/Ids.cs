using GoChat.GrainInterfaces;

namespace GoChat.Gateway.Hubs;

public static class Ids
{
    public static Guid Parse(string? value, string name) =>
        Guid.TryParse(value, out var id) && id != Guid.Empty ? id : throw GoChatException.Invalid($"{name} is not a valid id.");

    public static IReadOnlyList<Guid> ParseMany(string[]? values, string name)
    {
        if (values is null) throw GoChatException.Invalid($"{name} is required.");
        if (values.Length > Limits.MaxMembersPerCall) throw GoChatException.Invalid($"{name} holds at most {Limits.MaxMembersPerCall} ids.");
        return values.Select(v => Parse(v, name)).Distinct().ToList();
    }
}
