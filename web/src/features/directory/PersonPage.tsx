import { useEffect, useState } from "preact/hooks";
import { api } from "../../core/api";
import { describe } from "../../core/errors";
import { presence } from "../../core/chat";
import { remember } from "../../core/people";
import { session } from "../../core/session";
import type { UserProfile } from "../../core/types";
import { Avatar } from "../../app/Avatar";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";
import { startDirect } from "./startDirect";

/** A person's profile card. */
export function PersonPage({ id }: { id: string }) {
  const [p, setP] = useState<UserProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<UserProfile>("GET", `/api/users/${id}`).then((card) => { remember(card); setP(card); }, (e) => setError(describe(e)));
  }, [id]);
  const online = presence.value.get(id)?.status === "Online";
  return (
    <section class="page" aria-labelledby="person-title">
      <PageHeader id="person-title" title={p?.displayName ?? t("directory.card")} />
      <div class="page-body">
        {error && <p class="error" role="alert">{error}</p>}
        {p && (
          <div class="card profile-card" data-testid="profile-card">
            <Avatar userId={p.userId} name={p.displayName} size={96} online={online} />
            <h2>{p.displayName} {p.isExternal && <span class="tag">{t("directory.external")}</span>}</h2>
            {p.statusText && <p class="status-text">{p.statusText}</p>}
            <dl>
              <dt>{t("profile.availability")}</dt><dd>{t(`availability.${p.availability}`)}</dd>
              {p.position && <><dt>{t("profile.position")}</dt><dd>{p.position}</dd></>}
              {p.department && <><dt>{t("profile.department")}</dt><dd>{p.department}</dd></>}
              {p.agencyName && <><dt>{t("profile.agency")}</dt><dd>{p.agencyName}</dd></>}
            </dl>
            {p.userId !== session.value?.userId && (
              <button type="button" class="primary" onClick={() => startDirect(p.userId).catch((e) => setError(describe(e)))}>{t("directory.chat")}</button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
