import { useState } from "preact/hooks";
import { refreshInfo } from "../../core/chat";
import { useChatState, type Conversation } from "../../core/conversations";
import { describe } from "../../core/errors";
import { invoke } from "../../core/hub";
import { ChatAvatar } from "../conversations/ChatAvatar";
import { PhotoControl } from "../conversations/PhotoControl";
import { t } from "../../i18n/i18n";
import { title } from "../conversations/title";

const maxDescription = 500;

/** The group's photo and description: shown to every member, changed by its admins (each change a system entry). */
export function GroupDetails({ c, manager }: { c: Conversation; manager: boolean }) {
  useChatState();
  // Null until the admin types: the field follows the stored description, which the page may learn after it opens.
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const text = draft ?? c.description ?? "";
  const editable = manager && !c.removed;

  const done = (ok: boolean, said: string) => setMessage({ ok, text: said });
  const saveDescription = async () => {
    try {
      await invoke("SetGroupDescription", c.id, text.trim());
      await refreshInfo(c.id);
      setDraft(null);
      done(true, t("groups.descriptionSaved"));
    } catch (e) {
      done(false, describe(e));
    }
  };
  return (
    <div class="group-details stack" data-testid="group-details">
      <PhotoControl id={c.id} inputId="group-photo" editable={editable} hasPhoto={c.photoVersion > 0} changeLabel={t("groups.changePhoto")}
        savedText={t("groups.photoSaved")} onDone={done}>
        <ChatAvatar c={c} name={title(c)} size={96} />
      </PhotoControl>
      <h2 class="section-title" id="group-description-title">{t("groups.description")}</h2>
      {editable
        ? (
          <form class="stack" onSubmit={(e) => { e.preventDefault(); void saveDescription(); }}>
            <textarea id="group-description" aria-labelledby="group-description-title" rows={3} maxLength={maxDescription} value={text}
              onInput={(e) => setDraft(e.currentTarget.value)} />
            <span class="muted small-text" aria-live="polite">{t("groups.charactersLeft", { count: maxDescription - text.length })}</span>
            <button type="submit" disabled={text.trim() === (c.description ?? "")}>{t("groups.saveDescription")}</button>
          </form>
        )
        : <p class="group-description" data-testid="group-description">{c.description ?? <span class="muted">{t("groups.noDescription")}</span>}</p>}
      {message && <p class={message.ok ? "success" : "error"} role={message.ok ? "status" : "alert"}>{message.text}</p>}
    </div>
  );
}
