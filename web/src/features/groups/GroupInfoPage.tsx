import { useEffect, useState } from "preact/hooks";
import { forget, refreshInfo } from "../../core/chat";
import { conversations, useChatState } from "../../core/conversations";
import { describe } from "../../core/errors";
import { invoke, link } from "../../core/hub";
import { displayName } from "../../core/people";
import { navigate } from "../../core/router";
import { session } from "../../core/session";
import type { MemberInfo, MemberRole, UserProfile } from "../../core/types";
import { Avatar } from "../../app/Avatar";
import { PageHeader } from "../../app/PageHeader";
import { PersonName } from "../../app/PersonName";
import { t } from "../../i18n/i18n";
import { PeoplePicker } from "./PeoplePicker";
import { GroupDetails } from "./GroupDetails";
import { InfoTabs } from "../files/InfoTabs";

/**
 * Photo, description, members and roles; owners and admins change the photo and description, add, remove and
 * promote; anyone renames (if allowed) or leaves.
 */
export function GroupInfoPage({ id }: { id: string }) {
  useChatState();
  const c = conversations.get(id);
  // Null until the user types: the field follows the group's name, which a reload or deep link learns later.
  const [draft, setDraft] = useState<string | null>(null);
  const [adding, setAdding] = useState<UserProfile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const me = session.value!.userId;
  const connected = link.value === "connected";
  const name = draft ?? c?.name ?? "";

  // Asked once the link is up: opened by a reload or a link, the page comes before the hub is connected.
  useEffect(() => {
    if (connected) refreshInfo(id).finally(() => setLoaded(true));
  }, [id, connected]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await refreshInfo(id);
      setDraft(null);
    } catch (e) {
      setError(describe(e));
    }
  };

  if (!c?.members) {
    return <div class="empty-state"><p>{loaded ? t("chat.notFound") : t("chat.loading")}</p></div>;
  }
  const members = [...c.members].sort((a, b) => rank(b.role) - rank(a.role));
  const myRole = members.find((m) => m.userId === me)?.role ?? "Member";
  const manager = myRole !== "Member";

  if (c.kind === "Direct") return <DirectInfo id={id} peer={c.peerUserId} />;
  return (
    <section class="page" aria-labelledby="group-info-title">
      <PageHeader id="group-info-title" title={t("groups.info")} back={`/chats/${id}`} />
      <InfoTabs id={id} current="about" />
      <div class="page-body stack">
        {error && <p class="error" role="alert">{error}</p>}
        {c.kind === "Group" && <GroupDetails c={c} manager={manager} />}
        <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void act(() => invoke("RenameConversation", id, name.trim())); }}>
          <label for="rename">{t("groups.name")}</label>
          <input id="rename" value={name} maxLength={100} onInput={(e) => setDraft(e.currentTarget.value)} disabled={c.removed} />
          <button type="submit" disabled={c.removed || !name.trim() || name.trim() === c.name}>{t("groups.rename")}</button>
        </form>
        <h2 class="section-title">{t("groups.memberCount", { count: members.length })}</h2>
        <ul class="people" role="list" data-testid="members">
          {members.map((m) => <MemberRow key={m.userId} m={m} me={me} manager={manager && !c.removed} act={act} groupId={id} />)}
        </ul>
        {manager && !c.removed && (
          <>
            <h2 class="section-title">{t("groups.addMembers")}</h2>
            <PeoplePicker chosen={adding} onChange={setAdding} exclude={members.map((m) => m.userId)} />
            {adding.length > 0 && (
              <button type="button" class="primary"
                onClick={() => void act(async () => { await invoke("AddMembers", id, adding.map((p) => p.userId)); setAdding([]); })}>
                {t("groups.addChosen", { count: adding.length })}
              </button>
            )}
          </>
        )}
        {!c.removed && (
          <button type="button" class="danger" onClick={() => void act(async () => {
            await invoke("LeaveConversation", id);
            forget(id);
            navigate("/chats");
          })}>{t("groups.leave")}</button>
        )}
      </div>
    </section>
  );
}

function MemberRow({ m, me, manager, act, groupId }: {
  m: MemberInfo; me: string; manager: boolean; groupId: string; act(work: () => Promise<unknown>): Promise<void>;
}) {
  const name = m.userId === me ? t("chat.you") : displayName(m.userId);
  // Removal is asked about first: the member loses the chat at once and only an admin can add them back.
  const [asking, setAsking] = useState(false);
  return (
    <li class="person-row" data-testid="member" data-user-id={m.userId}>
      <Avatar userId={m.userId} name={name} />
      <span class="person-text">
        <PersonName name={name} />
        <span class="muted">{t(`roles.${m.role}`)}</span>
      </span>
      {manager && m.userId !== me && m.role !== "Owner" && (
        <>
          <button type="button" class="small"
            onClick={() => void act(() => invoke("SetMemberRole", groupId, m.userId, m.role === "Admin" ? "Member" : "Admin"))}>
            {m.role === "Admin" ? t("groups.demote") : t("groups.promote")}
          </button>
          <button type="button" class="small danger" aria-label={t("groups.removeNamed", { name })} aria-expanded={asking}
            onClick={() => setAsking(true)}>
            {t("groups.remove")}
          </button>
        </>
      )}
      {asking && (
        <span class="confirm-row" role="group" aria-label={t("confirmRemove.question", { name })}>
          <span>{t("confirmRemove.question", { name })}</span>
          <button type="button" class="small danger" onClick={() => { setAsking(false); void act(() => invoke("RemoveMember", groupId, m.userId)); }}>
            {t("confirmRemove.yes")}
          </button>
          <button type="button" class="small" onClick={() => setAsking(false)}>{t("common.cancel")}</button>
        </span>
      )}
    </li>
  );
}

/** A one-to-one chat's info: the other person, with their card a click away; media and files in the other tab. */
function DirectInfo({ id, peer }: { id: string; peer: string | null }) {
  const name = displayName(peer);
  return (
    <section class="page" aria-labelledby="chat-info-title">
      <PageHeader id="chat-info-title" title={t("chatInfo.direct")} back={`/chats/${id}`} />
      <InfoTabs id={id} current="about" />
      <div class="page-body stack">
        <div class="person-row">
          <Avatar userId={peer} name={name} size={64} />
          <span class="person-text"><PersonName name={name} /></span>
          {peer && <button type="button" onClick={() => navigate(`/users/${peer}`)}>{t("chatInfo.profile")}</button>}
        </div>
      </div>
    </section>
  );
}

function rank(role: MemberRole): number {
  return role === "Owner" ? 2 : role === "Admin" ? 1 : 0;
}
