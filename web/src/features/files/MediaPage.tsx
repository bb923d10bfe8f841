import { useEffect, useState } from "preact/hooks";
import { current, loadEarlier, refreshInfo } from "../../core/chat";
import { conversations, useChatState, type Conversation } from "../../core/conversations";
import { describe } from "../../core/errors";
import { dateTime } from "../../core/format";
import { link } from "../../core/hub";
import { displayName } from "../../core/people";
import type { Attachment, ChatMessage } from "../../core/types";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";
import { title } from "../conversations/title";
import { FileCard, ImageTile, VideoTile } from "./Attachments";
import { InfoTabs } from "./InfoTabs";
import { VoiceNote } from "./VoiceNote";

/** Pages of history read on opening; more on request ("look further back"). */
const pagesAtOnce = 5;

interface Item {
  m: ChatMessage;
  a: Attachment;
}

/** What the chat's messages carry, newest first, of the history read so far (deleted messages take theirs along). */
function itemsOf(c: Conversation): Item[] {
  return [...c.entries.values()]
    .filter((m) => m.kind === "Text" && m.attachments?.length && !current(c, m).deleted)
    .sort((x, y) => y.seq - x.seq)
    .flatMap((m) => m.attachments!.map((a) => ({ m, a })));
}

/**
 * Chat info's "media and files": photos and videos as a wall, then documents and voice notes with who sent them and
 * when. The server keeps no index of a chat's files, so this reads the history back a few pages at a time.
 */
export function MediaPage({ id }: { id: string }) {
  useChatState();
  const c = conversations.get(id);
  const connected = link.value === "connected";
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const readBack = async (pages: number) => {
    setLoading(true);
    setError(null);
    try {
      for (let i = 0; i < pages; i++) if (!(await loadEarlier(id))) break;
    } catch (e) {
      setError(describe(e));
    } finally {
      setLoading(false);
    }
  };

  // Opened by a reload or a link, the page comes before the hub is connected: read once it is.
  const known = !!c;
  useEffect(() => {
    if (!connected) return;
    if (!known) void refreshInfo(id);
    else void readBack(pagesAtOnce);
  }, [id, connected, known]);

  if (!c) return <div class="empty-state"><p>{connected ? t("chat.notFound") : t("chat.loading")}</p></div>;
  const items = itemsOf(c);
  const visual = items.filter((x) => x.a.kind === "Image" || x.a.kind === "Video");
  const documents = items.filter((x) => x.a.kind === "File");
  const sound = items.filter((x) => x.a.kind === "Voice" || x.a.kind === "Audio");
  const from = (x: Item) => <span class="muted small-text">{t("files.sentBy", { name: displayName(x.m.senderId), when: dateTime(x.m.sentAt) })}</span>;

  return (
    <section class="page" aria-labelledby="media-title">
      <PageHeader id="media-title" title={title(c)} back={`/chats/${id}`} />
      <InfoTabs id={id} current="media" />
      <div class="page-body stack" data-testid="media-page">
        {error && <p class="error" role="alert">{error}</p>}
        {visual.length > 0 && (
          <>
            <h2 class="section-title">{t("files.mediaSection")}</h2>
            <ul class="media-wall" data-testid="media-wall">
              {visual.map((x) => (
                <li key={`${x.m.seq}/${x.a.blobId}`}>
                  {x.a.kind === "Image" ? <ImageTile c={c} seq={x.m.seq} a={x.a} single={false} /> : <VideoTile c={c} seq={x.m.seq} a={x.a} single={false} />}
                </li>
              ))}
            </ul>
          </>
        )}
        {documents.length > 0 && (
          <>
            <h2 class="section-title">{t("files.filesSection")}</h2>
            <ul class="media-list" data-testid="media-files">
              {documents.map((x) => <li key={`${x.m.seq}/${x.a.blobId}`}><FileCard conversationId={id} seq={x.m.seq} a={x.a} />{from(x)}</li>)}
            </ul>
          </>
        )}
        {sound.length > 0 && (
          <>
            <h2 class="section-title">{t("files.voiceSection")}</h2>
            <ul class="media-list" data-testid="media-voice">
              {sound.map((x) => <li key={`${x.m.seq}/${x.a.blobId}`}><VoiceNote conversationId={id} seq={x.m.seq} a={x.a} />{from(x)}</li>)}
            </ul>
          </>
        )}
        {items.length === 0 && !loading && <p class="muted" data-testid="media-none">{t("files.mediaNone")}</p>}
        {loading && <p class="muted" role="status">{t("chat.loading")}</p>}
        {!c.historyComplete && !loading && (
          <button type="button" onClick={() => void readBack(pagesAtOnce)}>{t("files.mediaMore")}</button>
        )}
      </div>
    </section>
  );
}
