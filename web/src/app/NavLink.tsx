import { navigate, path } from "../core/router";
import { Icon } from "./Icon";

/** A real link (middle click, screen readers) that navigates inside the app. */
export function NavLink({ to, icon, label, text }: { to: string; icon?: string; label: string; text?: boolean }) {
  const current = path.value === to || path.value.startsWith(to + "/");
  return (
    <a href={to} class={`nav-link ${text ? "with-text" : ""}`} aria-label={text ? undefined : label} title={label}
      aria-current={current ? "page" : undefined}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}>
      {icon && <Icon name={icon} />}
      {text && <span>{label}</span>}
    </a>
  );
}
