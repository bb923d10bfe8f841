using GoChat.GrainInterfaces;
using GoChat.Gateway.RateLimiting;

namespace GoChat.Gateway.Hubs;

/// <summary>Official broadcast channels (issue 16): the directory, subscribing, posting and the admins' read statistics.</summary>
public sealed partial class ChatHub
{
    /// <summary>"Direktori saluran": the channels the caller's agency is in the audience of, by name; blank lists them all.</summary>
    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.Searches))]
    public Task<IReadOnlyList<ChannelListing>> SearchChannels(string? text)
    {
        TextRules.RequireStorable(text, "A search term");
        return grains.GetGrain<IChannelDirectoryGrain>(0).Search(Me, text);
    }

    [RetryOnFailover]
    public Task<ChannelInfo> GetChannel(string channelId) => Channel(channelId).GetInfo(Me);

    /// <summary>Subscribes to an optional channel; it joins the caller's list on every device.</summary>
    [RateLimited(nameof(RateLimiters.Sends))]
    public Task<ChannelInfo> JoinChannel(string channelId) => Channel(channelId).Join(Me);

    /// <summary>Unsubscribes; CHANNEL_MANDATORY for a mandatory channel.</summary>
    public Task LeaveChannel(string channelId) => Channel(channelId).Leave(Me);

    /// <summary>A channel admin's broadcast: classified, tagged, signed and delivered to every subscriber.</summary>
    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.Sends))]
    public Task<SendAck> PostBroadcast(BroadcastInput input)
    {
        if (input is null) throw GoChatException.Invalid("A broadcast is required.");
        var channel = Channel(input.ChannelId);
        var attachments = AttachmentInputs(input.Attachments);
        var text = attachments is null ? TextRules.MessageText(input.Text) : TextRules.Caption(input.Text);
        TextRules.ClientMessageId(input.ClientMessageId);
        TextRules.RequireStorable(input.Level, "A level");
        foreach (var tag in input.Tags ?? []) TextRules.RequireStorable(tag, "A tag");
        return channel.Post(Me, new BroadcastRequest(input.ClientMessageId, text, input.Level ?? "", input.Tags, attachments));
    }

    /// <summary>Delivered and read counts of a broadcast, for its channel's admins; for a mandatory channel, who has not read it.</summary>
    [RetryOnFailover]
    public Task<BroadcastStats> GetBroadcastStats(string channelId, long seq) => Channel(channelId).GetStats(Me, seq);

    /// <summary>A mandatory channel's admin reminds those who have not read a broadcast (a push each); returns how many have not.</summary>
    [RateLimited(nameof(RateLimiters.Sends))]
    public Task<long> RemindUnread(string channelId, long seq) => Channel(channelId).RemindUnread(Me, seq);

    /// <summary>The client tells that the caller copied a protected broadcast's text (the audit log keeps it).</summary>
    [RateLimited(nameof(RateLimiters.Sends))]
    public Task RecordBroadcastCopy(string channelId, long seq) => Channel(channelId).RecordHandling(Me, seq, BroadcastHandling.Copied);

    private IChannelGrain Channel(string id)
    {
        var channelId = Ids.Parse(id, "channelId");
        // Not a channel id: as absent as any channel one cannot see, without a grain call.
        if (!ConversationIds.IsChannel(channelId)) throw GoChatException.NotFound();
        return grains.GetGrain<IChannelGrain>(channelId);
    }
}
