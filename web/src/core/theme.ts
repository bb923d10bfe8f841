import { signal } from "@preact/signals";

/** What the user picked in Settings; "system" follows the operating system's light or dark preference. */
export type ThemeChoice = "system" | "light" | "dark";
export const themeChoices: ThemeChoice[] = ["system", "light", "dark"];

// Per browser, not per account: a shared desktop and a phone may want different themes.
const storageKey = "gochat.theme";
const dark = window.matchMedia("(prefers-color-scheme: dark)");

function stored(): ThemeChoice {
  const value = localStorage.getItem(storageKey);
  return value === "light" || value === "dark" ? value : "system";
}

export const theme = signal<ThemeChoice>(stored());

/**
 * The page always carries the theme in force (data-theme="light" or "dark"): styles.css then holds one set of
 * dark colours, and a choice of "system" follows the operating system live.
 */
function apply() {
  const effective = theme.value === "system" ? (dark.matches ? "dark" : "light") : theme.value;
  document.documentElement.dataset.theme = effective;
  document.querySelector('meta[name="theme-color"]')?.setAttribute("content", effective === "dark" ? "#1f2c34" : "#0b6e4f");
}

export function setTheme(choice: ThemeChoice) {
  if (choice === "system") localStorage.removeItem(storageKey);
  else localStorage.setItem(storageKey, choice);
  theme.value = choice;
  apply();
}

dark.addEventListener("change", apply);
apply();
