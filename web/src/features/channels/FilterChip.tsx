import { t } from "../../i18n/i18n";
import { broadcastFilter } from "./filter";

/** Above a filtered channel: what it is narrowed to, and the way back to everything. */
export function FilterChip({ channelId }: { channelId: string }) {
  const f = broadcastFilter.value;
  if (!f || f.channelId !== channelId) return null;
  return (
    <div class="broadcast-filter" data-testid="broadcast-filter" role="status">
      <span>{t("channels.filtered", { what: f.tag ? `#${f.tag}` : f.level! })}</span>
      <button type="button" onClick={() => (broadcastFilter.value = null)} aria-label={t("channels.clearFilter")}>✕</button>
    </div>
  );
}
