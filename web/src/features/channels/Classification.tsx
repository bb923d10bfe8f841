import type { BroadcastSeal } from "../../core/types";
import { t } from "../../i18n/i18n";
import { broadcastFilter } from "./filter";

/** The colour of a level: TERBUKA green, TERHAD amber, SULIT (and anything higher) red. */
export function levelClass(level: string): string {
  return level === "TERBUKA" ? "level-open" : level === "TERHAD" ? "level-restricted" : "level-secret";
}

/** The classification on top of a broadcast, as on a paper document. */
export function ClassificationBanner({ level }: { level: string }) {
  return (
    <div class={`classification ${levelClass(level)}`} data-testid="classification-banner" data-level={level}
      role="note" aria-label={t("channels.classification", { level })}>
      <span aria-hidden="true">{level}</span>
    </div>
  );
}

/** The broadcast's tags (#tag) and its level again, at the foot, where a printed page repeats it. */
/** In a channel (not in a preview), a tag or the level narrows the channel's view to broadcasts that carry it. */
export function BroadcastFooter({ seal, channelId }: { seal: Pick<BroadcastSeal, "level" | "tags">; channelId?: string }) {
  const pick = (f: { tag?: string; level?: string }) => { if (channelId) broadcastFilter.value = { channelId, ...f }; };
  return (
    <div class="broadcast-footer" data-testid="broadcast-footer">
      <span class="broadcast-tags" data-testid="broadcast-tags">
        {(seal.tags ?? []).map((tag) => channelId
          ? <button type="button" key={tag} class="broadcast-tag" data-testid="broadcast-tag" title={t("channels.filterBy", { what: `#${tag}` })} onClick={() => pick({ tag })}>#{tag}</button>
          : <span key={tag} class="broadcast-tag" data-testid="broadcast-tag">#{tag}</span>)}
      </span>
      {channelId
        ? <button type="button" class={`classification-mark ${levelClass(seal.level)}`} data-testid="classification-footer" title={t("channels.filterBy", { what: seal.level })} onClick={() => pick({ level: seal.level })}>{seal.level}</button>
        : <span class={`classification-mark ${levelClass(seal.level)}`} data-testid="classification-footer">{seal.level}</span>}
    </div>
  );
}
