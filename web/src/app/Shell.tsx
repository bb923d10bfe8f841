import { useEffect } from "preact/hooks";
import { startHub, stopHub } from "../core/hub";
import { catchUp, onSettings, register, reset } from "../core/chat";
import { forgetPeople } from "../core/people";
import { forgetChannels } from "../core/channels";
import { trackUnread } from "../core/notifications";
import { path } from "../core/router";
import { session } from "../core/session";
import { startOfflineCache, stopOfflineCache } from "../core/offline/offlineCache";
import { setLanguage, t } from "../i18n/i18n";
import { ConversationList } from "../features/conversations/ConversationList";
import { ConnectionBanner } from "./ConnectionBanner";
import { onePane } from "./layout";
import { Routes } from "./Routes";
import { SideHeader } from "./SideHeader";
import { ViewerHost } from "../features/files/ViewerHost";

onSettings((s) => setLanguage(s.language));

/** Signed in: the conversation list beside the open screen (one of them at a time on a phone). */
export function Shell() {
  useEffect(() => {
    let gone = false;
    // The cached chats and outbox first: the catch-up resumes from what they hold and sends what was queued.
    void startOfflineCache(session.value!.userId).finally(() => {
      if (!gone) startHub({ register, connected: catchUp });
    });
    const stopUnread = trackUnread();
    return () => {
      gone = true;
      stopUnread();
      stopOfflineCache();
      void stopHub();
      reset();
      forgetPeople();
      forgetChannels();
    };
  }, []);
  // "Arkib" is a list too: on a phone it is the side pane that shows it.
  const atList = path.value === "/" || path.value === "/chats" || path.value === "/archived";
  // On a phone the side pane is hidden while a chat or page is open: the banner goes where the eyes are.
  const bannerInMain = onePane.value && !atList;
  return (
    <div class={`shell ${atList ? "at-list" : "at-main"}`}>
      <a class="skip-link" href="#main">{t("nav.skip")}</a>
      <aside class="side" aria-label="GoChat">
        <SideHeader />
        {!bannerInMain && <ConnectionBanner />}
        <ConversationList />
      </aside>
      <main class="main" id="main" tabIndex={-1}>
        {bannerInMain && <ConnectionBanner />}
        <Routes />
      </main>
      <ViewerHost />
    </div>
  );
}
