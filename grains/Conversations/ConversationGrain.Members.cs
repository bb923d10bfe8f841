namespace GoChat.Grains.Conversations;

/// <summary>Who is in a group and with which role: adding, removing, leaving, promoting.</summary>
public sealed partial class ConversationGrain
{
    public async Task<ConversationInfo> AddMembers(Guid actor, IReadOnlyList<Guid> users)
    {
        RequireGroupAdmin(actor);
        var fresh = users.Distinct().Where(u => !S.Members.ContainsKey(u)).ToList();
        if (fresh.Count > Limits.MaxMembersPerCall) throw GoChatException.Invalid($"At most {Limits.MaxMembersPerCall} members can be added at once.");
        if (S.Members.Count + fresh.Count > Limits.MaxGroupMembers) throw GoChatException.Invalid($"A group holds at most {Limits.MaxGroupMembers} members.");
        if (fresh.Count == 0) return ToInfo(actor);
        await RequireActiveAccounts(fresh);

        var now = DateTimeOffset.UtcNow;
        var entries = new List<ChatMessage>();
        foreach (var u in fresh)
        {
            var entry = NextEntry(actor, MessageKind.MemberAdded, null, subject: u);
            S.Members[u] = new MemberState { Role = MemberRole.Member, JoinedSeq = entry.Seq, JoinedAt = now };
            entries.Add(entry);
        }
        await CommitMembership([.. entries]);
        await Task.WhenAll(entries.Select(e => GrainFactory.GetGrain<IUserConversationsGrain>(e.SubjectUserId!.Value)
            .JoinedConversation(this.GetPrimaryKey(), ConversationKind.Group, e.Seq, null)));
        return ToInfo(actor);
    }

    public async Task RemoveMember(Guid actor, Guid user)
    {
        var actorRole = RequireGroupAdmin(actor);
        if (actor == user) throw GoChatException.Invalid("Use leave to leave a group.");
        if (!S.Members.TryGetValue(user, out var target)) throw new GoChatException(ErrorCodes.NotMember, "That user is not a member.");
        if (target.Role >= actorRole) throw new GoChatException(ErrorCodes.Forbidden, "You cannot remove a member whose role is equal to or above yours.");

        S.Members.Remove(user);
        _receipts.Gone(user, target);
        await CommitMembership(NextEntry(actor, MessageKind.MemberRemoved, null, subject: user));
        await GrainFactory.GetGrain<IUserConversationsGrain>(user).LeftConversation(this.GetPrimaryKey());
    }

    public async Task Leave(Guid user)
    {
        var member = RequireMember(user);
        if (S.Kind != ConversationKind.Group) throw new GoChatException(ErrorCodes.Forbidden, "You cannot leave a direct conversation.");

        S.Members.Remove(user);
        _receipts.Gone(user, member);
        var entries = new List<ChatMessage> { NextEntry(user, MessageKind.MemberLeft, null, subject: user) };
        if (member.Role == MemberRole.Owner && S.Members.Count > 0)
        {
            // A group always has an owner: the senior admin, else the longest-standing member, takes over.
            var (heirId, heir) = S.Members.OrderByDescending(m => m.Value.Role).ThenBy(m => m.Value.JoinedAt).ThenBy(m => m.Value.JoinedSeq).First();
            heir.Role = MemberRole.Owner;
            entries.Add(NextEntry(user, MessageKind.RoleChanged, nameof(MemberRole.Owner), subject: heirId));
        }
        await CommitMembership([.. entries]);
        await GrainFactory.GetGrain<IUserConversationsGrain>(user).LeftConversation(this.GetPrimaryKey());
    }


    public async Task SetRole(Guid actor, Guid user, MemberRole role)
    {
        var actorRole = RequireGroupAdmin(actor);
        if (actorRole != MemberRole.Owner) throw new GoChatException(ErrorCodes.Forbidden, "Only the owner can change roles.");
        if (!Enum.IsDefined(role)) throw GoChatException.Invalid("Unknown role.");
        if (!S.Members.TryGetValue(user, out var target)) throw new GoChatException(ErrorCodes.NotMember, "That user is not a member.");
        if (actor == user) throw GoChatException.Invalid("Hand ownership to someone else instead.");
        if (target.Role == role) return;

        var entries = new List<ChatMessage>();
        target.Role = role;
        entries.Add(NextEntry(actor, MessageKind.RoleChanged, role.ToString(), subject: user));
        if (role == MemberRole.Owner)
        {
            S.Members[actor].Role = MemberRole.Admin;
            entries.Add(NextEntry(actor, MessageKind.RoleChanged, nameof(MemberRole.Admin), subject: actor));
        }
        await CommitMembership([.. entries]);
    }
}
