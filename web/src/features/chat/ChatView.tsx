import { useEffect, useRef, useState } from "preact/hooks";
import { closeConversation, loadOlder, openConversation } from "../../core/chat";
import { activeConversation, conversations, useChatState } from "../../core/conversations";
import { remove } from "../../core/outbox";
import { describe } from "../../core/errors";
import { link } from "../../core/hub";
import { session } from "../../core/session";
import type { ChatMessage } from "../../core/types";
import { t } from "../../i18n/i18n";
import { ChatHeader } from "./ChatHeader";
import { Composer } from "./Composer";
import { ForwardDialog } from "./ForwardDialog";
import { MessageList } from "./MessageList";
import { attach } from "../../core/uploads";
import { ChannelFooter } from "../channels/ChannelFooter";

/** A drag that carries files (not text or a link from the page). */
function carriesFiles(e: DragEvent): boolean {
  return !!e.dataTransfer?.types.includes("Files");
}

/** A search hit may be old: pages of history are loaded back until its message is there (or the beginning is). */
async function loadUntil(id: string, seq: number) {
  for (let page = 0; page < maxPagesBack; page++) {
    const c = conversations.get(id);
    if (!c || c.entries.has(seq) || c.historyComplete) return;
    if (!(await loadOlder(id))) return;
  }
}

const maxPagesBack = 50;

/** One conversation: history scrolls back page by page, new entries arrive live, the composer sends. */
export function ChatView({ id, at }: { id: string; at?: number }) {
  useChatState();
  const c = conversations.get(id);
  const connected = link.value === "connected";
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [editing, setEditing] = useState<ChatMessage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [forwarding, setForwarding] = useState<ChatMessage | null>(null);
  const [dragging, setDragging] = useState(false);
  // Enter and leave fire for every child the drag crosses: it is over the chat while the count is above zero.
  const depth = useRef(0);

  useEffect(() => {
    activeConversation.value = id;
    return () => closeConversation(id);
  }, [id]);

  // Opened once the link is up and the conversation known; the catch-up reopens it after a reconnect.
  const known = !!c;
  useEffect(() => {
    if (connected && known) openConversation(id).then(() => (at === undefined ? undefined : loadUntil(id, at))).catch((e) => setError(describe(e)));
  }, [id, connected, known, at]);

  if (!c) return <div class="empty-state"><p>{connected ? t("chat.notFound") : t("chat.loading")}</p></div>;

  const me = session.value!.userId;
  return (
    <section class="chat" aria-label={t("chat.label")} data-testid="chat-view"
      onDragEnter={(e) => { if (carriesFiles(e) && !c.removed && c.kind !== "Channel") { depth.current++; setDragging(true); } }}
      onDragOver={(e) => { if (carriesFiles(e) && !c.removed) e.preventDefault(); }}
      onDragLeave={(e) => { if (carriesFiles(e) && --depth.current <= 0) { depth.current = 0; setDragging(false); } }}
      onDrop={(e) => {
        if (!carriesFiles(e) || c.removed) return;
        e.preventDefault();
        depth.current = 0;
        setDragging(false);
        setError(attach(id, [...(e.dataTransfer?.files ?? [])]));
      }}>
      {dragging && <div class="drop-overlay" data-testid="drop-overlay" aria-hidden="true"><span>{t("files.dropHere")}</span></div>}
      <ChatHeader c={c} />
      <MessageList c={c} me={me}
        onReply={(m) => { setEditing(null); setReplyTo(m); }}
        onEdit={(m) => { setReplyTo(null); setEditing(m); }}
        onDelete={async (m) => { try { await remove(id, m.seq); } catch (e) { setError(describe(e)); } }}
        onForward={setForwarding}
        onOlder={() => loadOlder(id)} at={at} />
      {forwarding && <ForwardDialog m={forwarding} onClose={() => setForwarding(null)} />}
      {error && <p class="error pad" role="alert">{error}</p>}
      {c.removed
        ? <p class="removed-note" role="status" data-testid="removed-note">{t("chat.removed")}</p>
        : c.kind === "Channel" ? <ChannelFooter c={c} />
        : <Composer c={c} replyTo={replyTo} editing={editing} onDone={() => { setReplyTo(null); setEditing(null); }} />}
    </section>
  );
}

