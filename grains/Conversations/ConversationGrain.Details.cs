using GoChat.Grains.Pictures;

namespace GoChat.Grains.Conversations;

/// <summary>What group info shows of a group: its name, description and photo. Group admins change them.</summary>
public sealed partial class ConversationGrain
{
    public async Task Rename(Guid actor, string name)
    {
        RequireGroupAdmin(actor);
        name = ValidateName(name);
        if (name == S.Name) return;
        S.Name = name;
        await CommitMembership(NextEntry(actor, MessageKind.Renamed, name, subject: null));
    }

    public async Task SetDescription(Guid actor, string? description)
    {
        RequireGroupAdmin(actor);
        description = TextRules.Optional(description, Limits.MaxGroupDescriptionLength, "A group description");
        if (description == S.Description) return;
        S.Description = description;
        await CommitMembership(NextEntry(actor, MessageKind.DescriptionChanged, description, subject: null));
    }

    public async Task<ConversationInfo> SetPhoto(Guid actor, string contentType, byte[] data)
    {
        RequireGroupAdmin(actor);
        var clean = await PictureUpload.Clean(contentType, data, "A group photo");
        RequireGroupAdmin(actor); // still, after decoding
        var now = DateTimeOffset.UtcNow;
        var version = PictureUpload.NextVersion(S.PhotoVersion, now);
        // The picture first: state never names a version the table does not hold.
        await photos.Save(this.GetPrimaryKey(), new ProfilePhoto(clean.ContentType, clean.Data, version), now);
        S.PhotoVersion = version;
        await CommitMembership(NextEntry(actor, MessageKind.PhotoChanged, "set", subject: null));
        return ToInfo(actor);
    }

    public async Task<ConversationInfo> RemovePhoto(Guid actor)
    {
        RequireGroupAdmin(actor);
        if (S.PhotoVersion == 0) return ToInfo(actor);
        S.PhotoVersion = 0;
        await CommitMembership(NextEntry(actor, MessageKind.PhotoChanged, null, subject: null));
        await photos.Delete(this.GetPrimaryKey());
        return ToInfo(actor);
    }

    public async Task<ProfilePhoto?> GetPhoto(Guid requester)
    {
        RequireMember(requester);
        return S.PhotoVersion == 0 ? null : await photos.Load(this.GetPrimaryKey());
    }
}
