import { channelInfos } from "../../core/channels";
import type { Conversation } from "../../core/conversations";
import { t } from "../../i18n/i18n";
import { BroadcastComposer } from "./BroadcastComposer";

/** Where a chat has its composer: a channel's admins write broadcasts; its subscribers only read and react. */
export function ChannelFooter({ c }: { c: Conversation }) {
  const info = channelInfos.value.get(c.id);
  if (info?.isAdmin) return <BroadcastComposer channelId={c.id} />;
  return <p class="read-only-note" role="note" data-testid="read-only-note">{t("channels.readOnly")}</p>;
}
