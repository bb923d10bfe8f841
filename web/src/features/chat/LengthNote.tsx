import { maxTextLength } from "../../core/limits";
import { t } from "../../i18n/i18n";

/** The counter shows from this share of the limit on: earlier it is only noise. */
const nearShare = 0.9;

/** Near the server's limit, how long the text is; over it, by how much, before the server would refuse it. */
export function LengthNote({ length }: { length: number }) {
  const max = maxTextLength.value;
  if (max === null || length < max * nearShare) return null;
  const over = length - max;
  return (
    <p class="length-note" data-testid="length-note">
      <span class={over > 0 ? "error" : "muted"} data-testid="length-counter" aria-label={t("chat.lengthCounter", { length, max })}>
        {length} / {max}
      </span>
      {over > 0 && <span class="error" role="alert"> {t("chat.tooLong", { over, max })}</span>}
    </p>
  );
}
