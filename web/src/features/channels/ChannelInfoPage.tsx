import { useEffect, useState } from "preact/hooks";
import { refreshInfo } from "../../core/chat";
import { channelInfos } from "../../core/channels";
import { useChatState } from "../../core/conversations";
import { link } from "../../core/hub";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";
import { ChannelAvatar } from "../conversations/ChatAvatar";
import { PhotoControl } from "../conversations/PhotoControl";

/** A channel's picture, name, description and audience; its admins change the picture here, as a group's admins do in group info. */
export function ChannelInfoPage({ id }: { id: string }) {
  useChatState();
  const [loaded, setLoaded] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const connected = link.value === "connected";
  const info = channelInfos.value.get(id);

  // Asked once the link is up: opened by a reload or a link, the page comes before the hub is connected.
  useEffect(() => {
    if (connected) refreshInfo(id).finally(() => setLoaded(true));
  }, [id, connected]);

  if (!info) return <div class="empty-state"><p>{loaded ? t("chat.notFound") : t("chat.loading")}</p></div>;
  const photoVersion = info.photoVersion ?? 0;
  return (
    <section class="page" aria-labelledby="channel-info-title">
      <PageHeader id="channel-info-title" title={t("channels.info")} back={`/chats/${id}`} />
      <div class="page-body stack" data-testid="channel-details">
        <PhotoControl id={id} inputId="channel-photo" editable={info.isAdmin} hasPhoto={photoVersion > 0} changeLabel={t("channels.changePhoto")}
          savedText={t("channels.photoSaved")} onDone={(ok, text) => setMessage({ ok, text })}>
          <ChannelAvatar id={id} name={info.name} photoVersion={photoVersion} size={96} />
        </PhotoControl>
        {message && <p class={message.ok ? "success" : "error"} role={message.ok ? "status" : "alert"}>{message.text}</p>}
        <h2 class="section-title">{info.name}</h2>
        {info.description && <p data-testid="channel-description">{info.description}</p>}
        <p class="muted">
          {t(`channels.audience.${info.audience}`)}
          {info.mandatory && <> · <span class="badge-mandatory" title={t("channels.mandatoryHint")}>{t("channels.mandatory")}</span></>}
        </p>
        {info.isAdmin && <p class="muted">{t("channels.subscribers", { count: info.subscribers })}</p>}
      </div>
    </section>
  );
}
