import { api } from "../../core/api";
import type { UserProfile } from "../../core/types";
import { remember } from "../../core/people";

/** Akses Kontak: by name, email, agency, department or position. */
export async function searchDirectory(q: string, limit = 30): Promise<UserProfile[]> {
  const hits = await api<UserProfile[]>("GET", `/api/directory?q=${encodeURIComponent(q)}&limit=${limit}`);
  hits.forEach(remember);
  return hits;
}
