import { api } from "../../core/api";

/** A part of a hit's text; the server sends plain text, a match is shown in a mark, never parsed as markup. */
export interface SnippetPart { text: string; match: boolean }
export interface MessageSearchHit { seq: number; senderId: string; sentAt: string; editedAt: string | null; snippet: SnippetPart[] }
export interface MessageSearchGroup { conversationId: string; kind: "Direct" | "Group"; peerUserId: string | null; hits: MessageSearchHit[] }
export interface MessageSearchPage { groups: MessageSearchGroup[]; nextCursor: string | null }

/** Search across chats (issue 14), or inside one with a conversation id. */
export function searchMessages(q: string, conversationId?: string, cursor?: string | null): Promise<MessageSearchPage> {
  const params = new URLSearchParams({ q });
  if (conversationId) params.set("conversationId", conversationId);
  if (cursor) params.set("cursor", cursor);
  return api<MessageSearchPage>("GET", `/api/search/messages?${params}`);
}

/** A further page may go on with a chat of the page before: its hits join that chat's group. */
export function mergePages(groups: MessageSearchGroup[], page: MessageSearchPage): MessageSearchGroup[] {
  const merged = groups.map((g) => ({ ...g, hits: [...g.hits] }));
  for (const g of page.groups) {
    const same = merged.find((m) => m.conversationId === g.conversationId);
    if (same) same.hits.push(...g.hits);
    else merged.push(g);
  }
  return merged;
}
