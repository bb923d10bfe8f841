import { cancel, resume, trayOf, type Outgoing } from "../../core/uploads";
import { Icon } from "../../app/Icon";
import { t } from "../../i18n/i18n";
import { clock, fileSize } from "./fileFormat";

/** The files the next message carries, each with its progress, its state in the checks, and a way to cancel it. */
export function Tray({ conversationId }: { conversationId: string }) {
  const list = trayOf(conversationId);
  if (list.length === 0) return null;
  return (
    <ul class="tray" aria-label={t("files.tray")} data-testid="tray">
      {list.map((o) => <TrayItem key={o.key} conversationId={conversationId} o={o} />)}
    </ul>
  );
}

function label(o: Outgoing): string {
  return o.kind === "Voice" ? `${t("files.voice")} ${clock(o.durationMs ?? 0)}` : o.name;
}

function statusOf(o: Outgoing): string {
  switch (o.phase) {
    case "uploading": return t("files.uploading", { percent: o.size > 0 ? Math.floor((o.sent * 100) / o.size) : 0 });
    case "waiting": return t("files.waiting");
    case "checking": return o.slow ? t("files.checkingSlow") : t("files.checking");
    case "ready": return t("files.ready");
    case "refused": return t("files.refused");
    case "failed": return t("files.failed");
  }
}

function TrayItem({ conversationId, o }: { conversationId: string; o: Outgoing }) {
  const name = label(o);
  return (
    <li class={`tray-item ${o.phase}`} data-testid="tray-item" data-phase={o.phase}>
      {o.preview ? <img class="tray-thumb" src={o.preview} alt="" /> : <span class="tray-icon" aria-hidden="true"><Icon name={o.kind === "Voice" ? "mic" : "file"} /></span>}
      <span class="tray-text">
        <span class="file-name" title={o.name}>{name}</span>
        {o.phase === "uploading" && <progress max={Math.max(1, o.size)} value={o.sent} aria-label={t("files.progress", { name })} />}
        {/* Said when it changes (checking, ready, still checking), not at every percent. */}
        <span class="muted small-text" data-testid="tray-status" aria-live={o.phase === "uploading" ? "off" : "polite"}>
          {o.phase === "uploading" || o.phase === "ready" ? `${fileSize(o.size)} · ` : ""}{statusOf(o)}
        </span>
        {o.error && <span class="error small-text" role="alert" data-testid="tray-error">{o.error}</span>}
      </span>
      {(o.phase === "failed" || o.phase === "waiting") && (
        <button type="button" class="small" aria-label={t("files.resumeNamed", { name })} onClick={() => resume(o.key)}>{t("files.resume")}</button>
      )}
      <button type="button" class="icon-button small" aria-label={t("files.cancel", { name })} data-testid="tray-cancel" onClick={() => cancel(conversationId, o.key)}>
        <Icon name="close" size={16} />
      </button>
    </li>
  );
}
