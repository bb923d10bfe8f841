using GoChat.Grains.Identity;
using Orleans.Concurrency;

namespace GoChat.Grains.Agencies;

[StatelessWorker, GrainType("agency-directory")]
public sealed class AgencyDirectoryGrain(DirectoryStore directory) : Grain, IAgencyDirectoryGrain
{
    public Task<IReadOnlyList<AgencyInfo>> ListAgencies() => directory.ListAgencies();
}
