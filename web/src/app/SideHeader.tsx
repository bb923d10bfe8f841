import { displayName } from "../core/people";
import { session } from "../core/session";
import { navigate } from "../core/router";
import { t } from "../i18n/i18n";
import { Avatar } from "./Avatar";
import { NavLink } from "./NavLink";

/** My picture and the doors to everything that is not a chat. */
export function SideHeader() {
  const me = session.value!;
  const admin = me.account.role !== "User";
  return (
    <header class="side-header">
      <button class="me" type="button" onClick={() => navigate("/profile")} aria-label={t("nav.profile")}>
        <Avatar userId={me.userId} name={displayName(me.userId) === "…" ? me.account.displayName : displayName(me.userId)} size={36} />
      </button>
      <nav aria-label={t("nav.label")} class="side-nav">
        <NavLink to="/directory" icon="people" label={t("nav.directory")} />
        <NavLink to="/channels" icon="megaphone" label={t("nav.channels")} />
        <NavLink to="/groups/new" icon="group" label={t("nav.newGroup")} />
        <NavLink to="/starred" icon="star" label={t("nav.starred")} />
        <NavLink to="/settings" icon="settings" label={t("nav.settings")} />
        <NavLink to="/devices" icon="devices" label={t("nav.devices")} />
        <NavLink to="/security" icon="key" label={t("nav.passkeys")} />
        {admin && <NavLink to="/admin" icon="shield" label={t("nav.admin")} />}
      </nav>
    </header>
  );
}

