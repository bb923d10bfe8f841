import { setTheme, theme, themeChoices } from "../../core/theme";
import { t } from "../../i18n/i18n";

/** System, light or dark: a radio group (arrow keys move between them), remembered by this browser. */
export function ThemeSwitch() {
  return (
    <fieldset class="theme-switch" data-testid="theme-switch">
      <legend class="sr-only">{t("theme.title")}</legend>
      {themeChoices.map((choice) => (
        <label key={choice}>
          <input type="radio" name="theme" value={choice} checked={theme.value === choice} onChange={() => setTheme(choice)} />
          <span>{t(`theme.${choice}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
