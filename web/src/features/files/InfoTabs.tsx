import { navigate } from "../../core/router";
import { t } from "../../i18n/i18n";

/** Chat info's two views, as links (each its own address, so back and reload keep the tab). */
export function InfoTabs({ id, current }: { id: string; current: "about" | "media" }) {
  const tab = (to: string, label: string, here: boolean) => (
    <a href={to} class={here ? "info-tab current" : "info-tab"} aria-current={here ? "page" : undefined}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to, true);
      }}>
      {label}
    </a>
  );
  return (
    <nav class="info-tabs" aria-label={t("chatInfo.tabs")} data-testid="info-tabs">
      {tab(`/chats/${id}/info`, t("chatInfo.about"), current === "about")}
      {tab(`/chats/${id}/media`, t("files.media"), current === "media")}
    </nav>
  );
}
