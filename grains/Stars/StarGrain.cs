using GoChat.Grains.Storage;

namespace GoChat.Grains.Stars;

/// <summary>A user's stars are rows of gochat_stars; the conversation decides whether the message may be read.</summary>
[GrainType("stars")]
public sealed class StarGrain(StarStore store) : Grain, IStarGrain
{
    private Guid User => this.GetPrimaryKey();

    public async Task Star(Guid conversationId, long seq)
    {
        await (ConversationIds.IsChannel(conversationId)
            ? GrainFactory.GetGrain<IChannelGrain>(conversationId).GetMessage(User, seq)
            : GrainFactory.GetGrain<IConversationGrain>(conversationId).GetMessage(User, seq));
        if (!await store.Add(User, conversationId, seq, DateTimeOffset.UtcNow, Limits.MaxStars))
        {
            throw new GoChatException(ErrorCodes.TooManyStars, $"At most {Limits.MaxStars} messages can be starred.");
        }
    }

    public Task Unstar(Guid conversationId, long seq) => store.Remove(User, conversationId, seq);

    public Task<IReadOnlyList<StarredMessage>> List() => store.List(User, Limits.MaxStars);
}
