using GoChat.Grains.Identity;
using GoChat.Grains.Pictures;

namespace GoChat.Grains.Channels;

/// <summary>
/// A channel's picture: its managers set and remove it, its audience fetches it. Stored as a group photo is (same
/// checks, same table), and each change is a PhotoChanged entry so subscribers' clients learn the new version live.
/// </summary>
public sealed partial class ChannelGrain
{
    private const string PictureName = "A channel picture";

    public async Task<ChannelInfo> SetPhoto(Guid actor, string contentType, byte[] data)
    {
        RequireExists();
        await RequireManager(actor);
        var clean = await PictureUpload.Clean(contentType, data, PictureName);
        await RequireManager(actor); // still, after decoding
        var now = DateTimeOffset.UtcNow;
        var version = PictureUpload.NextVersion(S.PhotoVersion, now);
        // The picture first: state never names a version the table does not hold.
        await photos.Save(Id, new ProfilePhoto(clean.ContentType, clean.Data, version), now);
        S.PhotoVersion = version;
        await _pipeline.Commit(() => state.WriteStateAsync(), [NextEntry(actor, MessageKind.PhotoChanged, "set")]);
        await audit.Append(AuditActions.ChannelPhotoChanged, S.AgencyId, actor, Id, $"{S.Name}: set ({clean.ContentType}, {clean.Data.Length} bytes)");
        return await Info(actor);
    }

    public async Task<ChannelInfo> RemovePhoto(Guid actor)
    {
        RequireExists();
        await RequireManager(actor);
        if (S.PhotoVersion == 0) return await Info(actor);
        S.PhotoVersion = 0;
        await _pipeline.Commit(() => state.WriteStateAsync(), [NextEntry(actor, MessageKind.PhotoChanged, null)]);
        await photos.Delete(Id);
        await audit.Append(AuditActions.ChannelPhotoChanged, S.AgencyId, actor, Id, $"{S.Name}: removed");
        return await Info(actor);
    }

    public async Task<ProfilePhoto?> GetPhoto(Guid requester)
    {
        RequireExists();
        await RequireVisible(requester);
        return S.PhotoVersion == 0 ? null : await photos.Load(Id);
    }
}
