namespace GoChat.Grains.Conversations;

/// <summary>The members a text mentions: distinct, at most <see cref="Limits.MaxMentions"/>, each a member now.</summary>
internal static class Mentions
{
    public static IReadOnlyList<Guid>? Validate(IReadOnlyList<Guid>? mentions, IReadOnlyDictionary<Guid, MemberState> members)
    {
        if (mentions is null || mentions.Count == 0) return null;
        var distinct = mentions.Distinct().ToList();
        if (distinct.Count > Limits.MaxMentions) throw GoChatException.Invalid($"A message mentions at most {Limits.MaxMentions} members.");
        if (distinct.Any(u => !members.ContainsKey(u))) throw new GoChatException(ErrorCodes.NotMember, "Only members of the conversation can be mentioned.");
        return distinct;
    }
}
