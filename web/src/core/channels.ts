import { signal } from "@preact/signals";
import { invoke } from "./hub";
import type { BroadcastInput, BroadcastStats, ChannelInfo, ChannelListing, SendAck } from "./types";

/**
 * A channel's id carries a fixed tag where a UUID keeps its version and variant (ConversationIds.NewChannel):
 * "xxxxxxxx-xxxx-8cxx-b7c4-xxxxxxxxxxxx". The client knows a channel from its id alone, as the gateway does.
 */
export function isChannelId(id: string): boolean {
  const s = id.toLowerCase();
  return s.length === 36 && s.slice(14, 16) === "8c" && s.slice(19, 23) === "b7c4";
}

/** GetChannel's answers by channel id: the header, the composer (isAdmin) and the statistics read them. */
export const channelInfos = signal(new Map<string, ChannelInfo>());

function keep(info: ChannelInfo): ChannelInfo {
  const next = new Map(channelInfos.value);
  next.set(info.id, info);
  channelInfos.value = next;
  return info;
}

/** The official channels (ChatHub.Channels.cs). */
export const channelApi = {
  search: (text: string) => invoke<ChannelListing[]>("SearchChannels", text),
  get: async (id: string) => keep(await invoke<ChannelInfo>("GetChannel", id)),
  join: async (id: string) => keep(await invoke<ChannelInfo>("JoinChannel", id)),
  leave: (id: string) => invoke<void>("LeaveChannel", id),
  post: (input: BroadcastInput) => invoke<SendAck>("PostBroadcast", input),
  stats: (id: string, seq: number) => invoke<BroadcastStats>("GetBroadcastStats", id, seq),
  /** Mandatory channels: a push to everyone who has not read it; answers how many have not. */
  remind: (id: string, seq: number) => invoke<number>("RemindUnread", id, seq),
  recordCopy: (id: string, seq: number) => invoke<void>("RecordBroadcastCopy", id, seq),
};

export function forgetChannels() {
  channelInfos.value = new Map();
}
