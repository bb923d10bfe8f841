import { useState } from "preact/hooks";
import { conversations } from "../../core/conversations";
import { describe } from "../../core/errors";
import { invoke } from "../../core/hub";
import { newClientId } from "../../core/ids";
import type { ChatMessage } from "../../core/types";
import { t } from "../../i18n/i18n";
import { title } from "../conversations/title";

/** Limits.MaxForwardTargets: the server refuses more at once. */
export const maxForwardTargets = 5;

/** Choose up to five of my chats; each gets a copy marked "Dimajukan". One client id makes a retry land once. */
export function ForwardDialog({ m, onClose }: { m: ChatMessage; onClose(): void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [clientId] = useState(newClientId);
  const chats = [...conversations.values()].filter((c) => !c.removed);
  const toggle = (id: string) => setChosen((now) => (now.includes(id) ? now.filter((x) => x !== id) : now.length < maxForwardTargets ? [...now, id] : now));
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await invoke("ForwardMessage", m.conversationId, m.seq, chosen, clientId);
      onClose();
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="dialog-backdrop" onKeyDown={(e) => { if (e.key === "Escape") onClose(); }}>
      <form class="dialog" role="dialog" aria-modal="true" aria-labelledby="forward-title" data-testid="forward-dialog" onSubmit={submit}>
        <h2 id="forward-title">{t("chat.forwardTitle")}</h2>
        <p class="muted">{t("chat.forwardHint", { max: maxForwardTargets, count: chosen.length })}</p>
        <ul class="forward-list" role="list">
          {chats.map((c, i) => (
            <li key={c.id}>
              <label class="check-row">
                <input type="checkbox" autoFocus={i === 0} checked={chosen.includes(c.id)} data-testid="forward-target" data-conversation-id={c.id}
                  disabled={!chosen.includes(c.id) && chosen.length >= maxForwardTargets} onChange={() => toggle(c.id)} />
                <span>{title(c)}</span>
              </label>
            </li>
          ))}
        </ul>
        {error && <p class="error" role="alert">{error}</p>}
        <div class="dialog-actions">
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          <button type="submit" class="primary" disabled={busy || chosen.length === 0} data-testid="forward-send">{t("chat.forwardSend")}</button>
        </div>
      </form>
    </div>
  );
}
