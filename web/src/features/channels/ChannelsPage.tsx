import { useEffect, useState } from "preact/hooks";
import { channelApi } from "../../core/channels";
import { describe } from "../../core/errors";
import { navigate } from "../../core/router";
import type { ChannelListing } from "../../core/types";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";
import { ChannelRow } from "./ChannelRow";

/** "Saluran": the official channels the user's agency may read, found by name; subscribe, unsubscribe or open one. */
export function ChannelsPage() {
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<ChannelListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = (text: string) => channelApi.search(text).then((list) => { setHits(list); setError(null); }, (e) => setError(describe(e)));
  useEffect(() => {
    const timer = window.setTimeout(() => void search(query.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [query]);

  const change = async (channel: ChannelListing, subscribe: boolean) => {
    try {
      if (subscribe) await channelApi.join(channel.id);
      else await channelApi.leave(channel.id);
      setHits((list) => list?.map((x) => (x.id === channel.id ? { ...x, subscribed: subscribe } : x)) ?? null);
      setError(null);
    } catch (e) {
      setError(describe(e));
    }
  };

  return (
    <section class="page" aria-labelledby="channels-title" data-testid="channels-page">
      <PageHeader id="channels-title" title={t("channels.title")} />
      <div class="page-body">
        <label for="channels-q" class="sr-only">{t("channels.search")}</label>
        <input id="channels-q" type="search" placeholder={t("channels.search")} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        {error && <p class="error" role="alert">{error}</p>}
        {!hits && !error && <p class="muted">{t("channels.loading")}</p>}
        {hits && hits.length === 0 && <p class="muted">{t("channels.empty")}</p>}
        <ul class="channel-rows" role="list">
          {hits?.map((channel) => (
            <ChannelRow key={channel.id} channel={channel} onOpen={() => navigate(`/chats/${channel.id}`)}
              onSubscribe={(on) => change(channel, on)} />
          ))}
        </ul>
      </div>
    </section>
  );
}
