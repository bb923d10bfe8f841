import { signal } from "@preact/signals";
import { api } from "./api";
import type { UserProfile } from "./types";

/** Profile cards seen so far, by user id: names beside messages, in lists and headers. */
export const people = signal(new Map<string, UserProfile>());
const asked = new Set<string>();

/** Starts fetching a card once; views re-render when it arrives. */
export function person(id: string | null | undefined): UserProfile | undefined {
  if (!id) return undefined;
  const known = people.value.get(id);
  if (!known && !asked.has(id)) {
    asked.add(id);
    api<UserProfile>("GET", `/api/users/${id}`).then(remember, () => asked.delete(id));
  }
  return known;
}

export function remember(profile: UserProfile) {
  const next = new Map(people.value);
  next.set(profile.userId, profile);
  people.value = next;
}

export function displayName(id: string | null | undefined): string {
  return person(id)?.displayName ?? "…";
}

export function forgetPeople() {
  asked.clear();
  people.value = new Map();
}
