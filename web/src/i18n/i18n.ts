import { signal } from "@preact/signals";
import ms from "./ms.json";
import en from "./en.json";

export type Language = "ms" | "en";

// Each file must hold every key of the other: the build fails on a text missing in one language.
const enChecked: typeof ms = en;
const msChecked: typeof en = ms;
const catalogs: Record<Language, unknown> = { ms: msChecked, en: enChecked };
const storageKey = "gochat.language";

function initial(): Language {
  const stored = localStorage.getItem(storageKey);
  return stored === "en" || stored === "ms" ? stored : "ms";
}

/** Bahasa Melayu by default; the user's settings and this browser's last choice override it. */
export const language = signal<Language>(initial());
document.documentElement.lang = language.value;

export function setLanguage(value: string) {
  const next: Language = value === "en" ? "en" : "ms";
  localStorage.setItem(storageKey, next);
  document.documentElement.lang = next;
  language.value = next;
}

/** The text for a dotted key in the current language, with {name} holes filled; the key itself when missing. */
export function t(key: string, params?: Record<string, string | number>): string {
  let node: unknown = catalogs[language.value];
  for (const part of key.split(".")) {
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== "string") return key;
  return params ? node.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? "")) : node;
}

/** Dates and times in the reader's language, Malaysian conventions. */
export function locale(): string {
  return language.value === "ms" ? "ms-MY" : "en-MY";
}
