import { useEffect, useState } from "preact/hooks";
import { channelApi } from "../../core/channels";
import { describe } from "../../core/errors";
import { displayName } from "../../core/people";
import type { BroadcastStats } from "../../core/types";
import { t } from "../../i18n/i18n";

/** While open, asked for again every few seconds: reading happens elsewhere, and nobody is told of it here. */
const refreshEvery = 3000;

/** "Statistik": how many of the subscribers have the broadcast and have read it; in a mandatory channel, who has not. */
export function BroadcastStatsPanel({ channelId, seq }: { channelId: string; seq: number }) {
  const [stats, setStats] = useState<BroadcastStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reminded, setReminded] = useState<number | null>(null);
  const remind = () => channelApi.remind(channelId, seq).then((count) => { setReminded(count); setError(null); }, (e) => setError(describe(e)));
  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const load = () => channelApi.stats(channelId, seq).then(
      (s) => { if (live) { setStats(s); setError(null); } },
      (e) => live && setError(describe(e)),
    ).finally(() => { if (live) timer = window.setTimeout(load, refreshEvery); });
    void load();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [channelId, seq]);
  return (
    <div class="broadcast-stats" data-testid="broadcast-stats" role="region" aria-label={t("channels.statsTitle")}>
      <strong>{t("channels.statsTitle")}</strong>
      {error && <p class="error" role="alert">{error}</p>}
      {stats && (
        <>
          <span data-testid="stats-delivered" data-count={stats.delivered}>{t("channels.delivered", { count: stats.delivered, total: stats.subscribers })}</span>
          <span data-testid="stats-read" data-count={stats.read}>{t("channels.read", { count: stats.read, total: stats.subscribers })}</span>
          {stats.notRead && (stats.notRead.length === 0
            ? <span class="muted">{t("channels.allRead")}</span>
            : (
              <details open>
                <summary>{t("channels.notRead", { count: stats.notRead.length })}</summary>
                <ul class="not-read" data-testid="stats-not-read">
                  {stats.notRead.map((id) => <li key={id} data-user-id={id}>{displayName(id)}</li>)}
                </ul>
                <button type="button" data-testid="remind-unread" onClick={() => void remind()}>{t("channels.remind")}</button>
                {reminded !== null && <p role="status">{t("channels.reminded", { count: reminded })}</p>}
              </details>
            ))}
        </>
      )}
    </div>
  );
}
