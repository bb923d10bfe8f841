import type { ComponentChildren } from "preact";
import type { UserProfile } from "../../core/types";
import { Avatar } from "../../app/Avatar";
import { PersonName } from "../../app/PersonName";
import { t } from "../../i18n/i18n";

/** A person in a list: picture, name (marked when external), position and agency. */
export function PersonRow({ p, children }: { p: UserProfile; children?: ComponentChildren }) {
  const line = [p.position, p.department, p.agencyName].filter(Boolean).join(" · ");
  return (
    <div class="person-row" data-testid="person" data-user-id={p.userId}>
      <Avatar userId={p.userId} name={p.displayName} />
      <span class="person-text">
        <PersonName name={p.displayName}>
          {p.isExternal && <span class="tag">{t("directory.external")}</span>}
        </PersonName>
        <span class="muted one-line">{line}</span>
      </span>
      {children}
    </div>
  );
}
