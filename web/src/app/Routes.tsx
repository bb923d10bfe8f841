import { match, path } from "../core/router";
import { t } from "../i18n/i18n";
import { ChatView } from "../features/chat/ChatView";
import { DirectoryPage } from "../features/directory/DirectoryPage";
import { PersonPage } from "../features/directory/PersonPage";
import { NewGroupPage } from "../features/groups/NewGroupPage";
import { GroupInfoPage } from "../features/groups/GroupInfoPage";
import { MediaPage } from "../features/files/MediaPage";
import { MessageInfoPage } from "../features/chat/MessageInfoPage";
import { StarredPage } from "../features/chat/StarredPage";
import { ProfilePage } from "../features/profile/ProfilePage";
import { SettingsPage } from "../features/settings/SettingsPage";
import { DevicesPage } from "../features/auth/DevicesPage";
import { AdminPortal } from "../features/admin/AdminPortal";
import { PasskeysPage } from "../features/security/PasskeysPage";
import { SearchPage } from "../features/search/SearchPage";
import { ChannelsPage } from "../features/channels/ChannelsPage";
import { ChannelInfoPage } from "../features/channels/ChannelInfoPage";
import { isChannelId } from "../core/channels";

/** One screen per route; each feature owns its screens. */
export function Routes() {
  const p = path.value;
  let params: Record<string, string> | null;
  if ((params = match("/chats/:id/info", p))) {
    return isChannelId(params.id) ? <ChannelInfoPage key={params.id} id={params.id} /> : <GroupInfoPage key={params.id} id={params.id} />;
  }
  if ((params = match("/chats/:id/media", p))) return <MediaPage key={params.id} id={params.id} />;
  if ((params = match("/chats/:id/messages/:seq", p))) return <MessageInfoPage key={p} id={params.id} seq={Number(params.seq)} />;
  if ((params = match("/chats/:id/search", p))) return <SearchPage key={p} id={params.id} />;
  if ((params = match("/chats/:id/at/:seq", p))) return <ChatView key={params.id} id={params.id} at={Number(params.seq)} />;
  if ((params = match("/chats/:id", p))) return <ChatView key={params.id} id={params.id} />;
  if ((params = match("/users/:id", p))) return <PersonPage key={params.id} id={params.id} />;
  if (p === "/search") return <SearchPage />;
  if (p === "/directory") return <DirectoryPage />;
  if (p === "/channels") return <ChannelsPage />;
  if (p === "/starred") return <StarredPage />;
  if (p === "/groups/new") return <NewGroupPage />;
  if (p === "/profile") return <ProfilePage />;
  if (p === "/settings") return <SettingsPage />;
  if (p === "/devices") return <DevicesPage />;
  if (p === "/security") return <PasskeysPage />;
  if (p === "/admin") return <AdminPortal />;
  return (
    <div class="empty-state">
      <h1 class="brand">GoChat</h1>
      <p>{t("chat.pickOne")}</p>
    </div>
  );
}
