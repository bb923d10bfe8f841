using GoChat.Grains.Users;
using Orleans.Concurrency;

namespace GoChat.Grains.Identity;

/// <summary>Stateless: each search is one SQL query over the directory mirror, narrowed to what the viewer may see.</summary>
[StatelessWorker, GrainType("directory")]
public sealed class DirectoryGrain(DirectoryStore directory) : Grain, IDirectoryGrain
{
    public async Task<IReadOnlyList<UserProfile>> Search(Guid viewer, DirectoryQuery query)
    {
        if (query is null) throw GoChatException.Invalid("A query is required.");
        if (query.Limit is < 1 or > Limits.MaxDirectoryPage) throw GoChatException.Invalid($"A page holds 1 to {Limits.MaxDirectoryPage} people.");
        if (query.Offset is < 0 or > Limits.MaxDirectoryOffset) throw GoChatException.Invalid($"The offset is 0 to {Limits.MaxDirectoryOffset}; narrow the search instead.");
        // PostgreSQL refuses a NUL even in a LIKE pattern; a blank filter is no filter.
        query = query with
        {
            Text = TextRules.Optional(query.Text, Limits.MaxProfileFieldLength, "A search term"),
            Department = TextRules.Optional(query.Department, Limits.MaxProfileFieldLength, "A department"),
            Position = TextRules.Optional(query.Position, Limits.MaxProfileFieldLength, "A position"),
        };
        var account = await GrainFactory.GetGrain<IUserGrain>(viewer).GetAccount()
            ?? throw new GoChatException(ErrorCodes.UserNotFound, "No such user.");
        return await directory.Search(query, Visibility.DirectoryScope(account));
    }
}
