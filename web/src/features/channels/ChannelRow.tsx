import { useState } from "preact/hooks";
import type { ChannelListing } from "../../core/types";
import { ChannelAvatar } from "../conversations/ChatAvatar";
import { t } from "../../i18n/i18n";

/** One channel of the directory: a mandatory one says so and offers no way out. */
export function ChannelRow({ channel, onOpen, onSubscribe }: { channel: ChannelListing; onOpen(): void; onSubscribe(on: boolean): Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const change = (on: boolean) => {
    setBusy(true);
    void onSubscribe(on).finally(() => setBusy(false));
  };
  return (
    <li class="channel-row" data-testid="channel-row" data-channel-id={channel.id}>
      <ChannelAvatar id={channel.id} name={channel.name} photoVersion={channel.photoVersion ?? 0} />
      <span class="channel-row-body">
        <span class="channel-row-name">{channel.name}</span>
        {channel.description && <span class="muted small channel-row-description">{channel.description}</span>}
        <span class="muted small">{t(`channels.audience.${channel.audience}`)}</span>
      </span>
      <span class="channel-row-actions">
        {channel.mandatory && <span class="badge-mandatory" data-testid="mandatory" title={t("channels.mandatoryHint")}>{t("channels.mandatory")}</span>}
        {channel.subscribed && <button type="button" class="small" onClick={onOpen}>{t("channels.open")}</button>}
        {!channel.subscribed && (
          <button type="button" class="small primary" disabled={busy} onClick={() => change(true)} aria-label={t("channels.subscribeNamed", { name: channel.name })}>
            {t("channels.subscribe")}
          </button>
        )}
        {channel.subscribed && !channel.mandatory && (
          <button type="button" class="small" disabled={busy} onClick={() => change(false)} aria-label={t("channels.unsubscribeNamed", { name: channel.name })}>
            {t("channels.unsubscribe")}
          </button>
        )}
      </span>
    </li>
  );
}
