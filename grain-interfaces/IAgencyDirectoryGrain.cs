namespace GoChat.GrainInterfaces;

/// <summary>Read-only queries over all agencies; stateless, so any silo answers.</summary>
[Alias("gochat.IAgencyDirectoryGrain")]
public interface IAgencyDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("ListAgencies")] Task<IReadOnlyList<AgencyInfo>> ListAgencies();
}
