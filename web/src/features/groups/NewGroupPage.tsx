import { useState } from "preact/hooks";
import { refreshInfo } from "../../core/chat";
import { describe } from "../../core/errors";
import { invoke } from "../../core/hub";
import { navigate } from "../../core/router";
import { session } from "../../core/session";
import type { ConversationInfo, UserProfile } from "../../core/types";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";
import { PeoplePicker } from "./PeoplePicker";

export function NewGroupPage() {
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<UserProfile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = session.value?.account.canCreateGroups ?? false;

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const info = await invoke<ConversationInfo>("CreateGroup", name.trim(), chosen.map((p) => p.userId));
      await refreshInfo(info.id);
      navigate(`/chats/${info.id}`);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page" aria-labelledby="new-group-title">
      <PageHeader id="new-group-title" title={t("groups.new")} />
      <form class="page-body stack" onSubmit={create}>
        {!allowed && <p class="note">{t("groups.notAllowed")}</p>}
        <label for="group-name">{t("groups.name")}</label>
        <input id="group-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <h2 class="section-title">{t("groups.members")}</h2>
        <PeoplePicker chosen={chosen} onChange={setChosen} />
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy || !name.trim() || !allowed}>{t("groups.create")}</button>
      </form>
    </section>
  );
}
