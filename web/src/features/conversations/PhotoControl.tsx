import type { ComponentChildren } from "preact";
import { refreshInfo } from "../../core/chat";
import { api } from "../../core/api";
import { describe } from "../../core/errors";
import { t } from "../../i18n/i18n";

/**
 * A chat's picture and, for whoever may change it, a file picker and a remove button: group info and channel info
 * use the same one. The server checks and re-encodes the file; a refusal comes back as its reason.
 */
export function PhotoControl({ id, inputId, editable, hasPhoto, changeLabel, savedText, onDone, children }: {
  id: string; inputId: string; editable: boolean; hasPhoto: boolean; changeLabel: string; savedText: string;
  onDone(ok: boolean, text: string): void; children: ComponentChildren;
}) {
  const change = async (file: File | null) => {
    try {
      await (file ? api("PUT", `/api/conversations/${id}/photo`, file) : api("DELETE", `/api/conversations/${id}/photo`));
      await refreshInfo(id);
      onDone(true, savedText);
    } catch (e) {
      onDone(false, describe(e));
    }
  };
  return (
    <div class="photo-row">
      {children}
      {editable && (
        <>
          <label class="button" for={inputId}>{changeLabel}</label>
          <input id={inputId} class="sr-only" type="file" accept="image/png,image/jpeg,image/webp"
            onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) void change(f); e.currentTarget.value = ""; }} />
          {hasPhoto && <button type="button" class="small" onClick={() => void change(null)}>{t("groups.removePhoto")}</button>}
        </>
      )}
    </div>
  );
}
