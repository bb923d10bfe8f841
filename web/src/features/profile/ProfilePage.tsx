import { useEffect, useState } from "preact/hooks";
import { api } from "../../core/api";
import { describe } from "../../core/errors";
import { session } from "../../core/session";
import { remember } from "../../core/people";
import type { Availability, UserProfile } from "../../core/types";
import { Avatar } from "../../app/Avatar";
import { PageHeader } from "../../app/PageHeader";
import { t } from "../../i18n/i18n";

const availabilities: Availability[] = ["Available", "Busy", "InMeeting", "OutOfOffice"];

/** My card: name, position, department, status text, availability and picture. */
export function ProfilePage() {
  const [p, setP] = useState<UserProfile | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    api<UserProfile>("GET", "/api/me/profile").then(setP, (e) => setMessage({ ok: false, text: describe(e) }));
  }, []);

  const update = (patch: Partial<UserProfile>) => p && setP({ ...p, ...patch });

  const save = async (e: Event) => {
    e.preventDefault();
    if (!p) return;
    try {
      const saved = await api<UserProfile>("PUT", "/api/me/profile", {
        displayName: p.displayName, position: p.position || null, department: p.department || null,
        statusText: p.statusText || null, availability: p.availability,
      });
      remember(saved);
      setP(saved);
      setMessage({ ok: true, text: t("profile.saved") });
    } catch (err) {
      setMessage({ ok: false, text: describe(err) });
    }
  };

  const upload = async (file: File) => {
    try {
      const saved = await api<UserProfile>("PUT", "/api/me/photo", file);
      remember(saved);
      setP(saved);
      setMessage({ ok: true, text: t("profile.photoSaved") });
    } catch (err) {
      setMessage({ ok: false, text: describe(err) });
    }
  };

  const me = session.value!;
  return (
    <section class="page" aria-labelledby="profile-title">
      <PageHeader id="profile-title" title={t("profile.title")} />
      {p && (
        <form class="page-body stack" onSubmit={save}>
          <div class="photo-row">
            <Avatar userId={me.userId} name={p.displayName} size={80} />
            <label class="button" for="photo">{t("profile.changePhoto")}</label>
            <input id="photo" class="sr-only" type="file" accept="image/png,image/jpeg,image/webp"
              onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) void upload(f); e.currentTarget.value = ""; }} />
          </div>
          <p class="muted">{me.account.email}</p>
          <label for="display-name">{t("profile.displayName")}</label>
          <input id="display-name" required maxLength={100} value={p.displayName} onInput={(e) => update({ displayName: e.currentTarget.value })} />
          <label for="status-text">{t("profile.statusText")}</label>
          <input id="status-text" maxLength={140} value={p.statusText ?? ""} onInput={(e) => update({ statusText: e.currentTarget.value })} />
          <label for="availability">{t("profile.availability")}</label>
          <select id="availability" value={p.availability} onChange={(e) => update({ availability: e.currentTarget.value as Availability })}>
            {availabilities.map((a) => <option key={a} value={a}>{t(`availability.${a}`)}</option>)}
          </select>
          <label for="position">{t("profile.position")}</label>
          <input id="position" maxLength={100} value={p.position ?? ""} onInput={(e) => update({ position: e.currentTarget.value })} />
          <label for="department">{t("profile.department")}</label>
          <input id="department" maxLength={100} value={p.department ?? ""} onInput={(e) => update({ department: e.currentTarget.value })} />
          {message && <p class={message.ok ? "success" : "error"} role={message.ok ? "status" : "alert"}>{message.text}</p>}
          <button type="submit" class="primary">{t("common.save")}</button>
        </form>
      )}
    </section>
  );
}
