import { invoke } from "../../core/hub";
import { refreshInfo } from "../../core/chat";
import { navigate } from "../../core/router";
import type { ConversationInfo } from "../../core/types";

/** Opens the one-to-one chat with a person, creating it on first use (the server makes it idempotent). */
export async function startDirect(userId: string) {
  const info = await invoke<ConversationInfo>("CreateDirectConversation", userId);
  await refreshInfo(info.id);
  navigate(`/chats/${info.id}`);
}
