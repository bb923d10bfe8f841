import { canonicalText } from "./canonical";
import { FieldWriter, instantText } from "./fields";

/** What an agency signs for one broadcast (BroadcastPayload.cs). */
export interface BroadcastPayload {
  broadcastId: string;
  channelId: string;
  agencyId: string;
  level: string;
  tags: string[];
  postedAtMs: number;
  /** The text as delivered: its canonical form is what is signed. */
  text: string;
  attachmentSha256: string[];
}

export const broadcastHeader = "gochat-broadcast-v1\n";

/** BroadcastPayload.ToSignedBytes(), byte for byte. */
export function signedBytes(p: BroadcastPayload): Uint8Array {
  return new FieldWriter(broadcastHeader)
    .text(p.broadcastId.toLowerCase())
    .text(p.channelId.toLowerCase())
    .text(p.agencyId)
    .text(p.level)
    .list(p.tags)
    .text(instantText(p.postedAtMs))
    .text(canonicalText(p.text))
    .list(p.attachmentSha256.map((h) => h.toLowerCase()))
    .toArray();
}

/**
 * A .NET DateTimeOffset in JSON ("2026-03-01T08:00:00.1234567+00:00") in Unix milliseconds, truncated as
 * DateTimeOffset.ToUnixTimeMilliseconds truncates: the digits past the millisecond are dropped, never rounded.
 */
export function unixMs(iso: string): number {
  const trimmed = iso.replace(/(\.\d{3})\d+/, "$1");
  return Date.parse(trimmed);
}
