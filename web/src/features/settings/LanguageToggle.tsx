import { language, setLanguage, t } from "../../i18n/i18n";

/** BM / EN, one click away on every screen that has it; the signed-in user's choice is also saved to settings. */
export function LanguageToggle({ onChange }: { onChange?: (lang: string) => void }) {
  const choose = (lang: string) => {
    setLanguage(lang);
    onChange?.(lang);
  };
  return (
    <div class="lang-toggle" role="group" aria-label={t("settings.language")}>
      {(["ms", "en"] as const).map((lang) => (
        <button key={lang} type="button" aria-pressed={language.value === lang} onClick={() => choose(lang)} lang={lang}>
          {lang === "ms" ? "BM" : "EN"}
        </button>
      ))}
    </div>
  );
}
