namespace GoChat.Grains.Users;

/// <summary>
/// The one rule for who may see whom, used by every read of a person: card, photo, presence (its answer and its
/// watch), the directory, and starting a direct chat. Staff, and external users an admin allowed, see everyone;
/// an external user limited to their agency sees that agency, plus anyone already in a direct chat with them.
/// Accounts waiting for approval or rejected are seen by no one but themselves. A hidden person looks exactly like a
/// missing one (<see cref="Hidden"/>), so a limited viewer cannot probe who exists in other agencies.
/// </summary>
public static class Visibility
{
    /// <summary>Whether anyone but the person may see them at all.</summary>
    public static bool IsListed(AccountStatus status) => status is not (AccountStatus.PendingApproval or AccountStatus.Rejected);

    /// <summary>Whether <paramref name="viewer"/> (null: no such account) may see a listed person of <paramref name="personAgency"/>.</summary>
    public static bool MaySee(AccountInfo? viewer, Guid? personAgency, bool inDirectChatWithViewer) =>
        viewer is not null && (viewer.CanSeeAllAgencies || viewer.AgencyId == personAgency || inDirectChatWithViewer);

    /// <summary>The agency a viewer's directory searches are narrowed to; null when they may see every agency.</summary>
    public static Guid? DirectoryScope(AccountInfo viewer) => viewer.CanSeeAllAgencies ? null : viewer.AgencyId ?? Guid.Empty;

    public static GoChatException Hidden() => new(ErrorCodes.UserNotFound, "No such user.");
}
