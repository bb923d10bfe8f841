import type { ComponentChildren } from "preact";
import { navigate } from "../core/router";
import { t } from "../i18n/i18n";
import { Icon } from "./Icon";

/** The bar on top of every non-chat screen; its back button matters most on a phone. */
export function PageHeader({ id, title, back = "/chats", children }: { id: string; title: string; back?: string; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <button type="button" class="icon-button back" onClick={() => navigate(back)} aria-label={t("nav.back")}>
        <Icon name="back" />
      </button>
      <h1 id={id}>{title}</h1>
      {children}
    </header>
  );
}
