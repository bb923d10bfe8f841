import { signal } from "@preact/signals";
import { api } from "../../core/api";
import type { AgencyInfo } from "../../core/types";

/** Agency names by id, for the verification badge; asked for once, when a badge first needs one. */
export const agencyNames = signal(new Map<string, string>());
let asked = false;

export function agencyName(id: string): string | undefined {
  if (!asked) {
    asked = true;
    api<AgencyInfo[]>("GET", "/api/agencies").then(
      (list) => (agencyNames.value = new Map(list.map((a) => [a.id.toLowerCase(), a.name]))),
      () => (asked = false));
  }
  return agencyNames.value.get(id.toLowerCase());
}
