import { useEffect, useState } from "preact/hooks";
import { describe } from "../../core/errors";
import { navigate } from "../../core/router";
import type { AgencyInfo, ChannelAudience, ChannelInfo } from "../../core/types";
import { t } from "../../i18n/i18n";
import { adminApi } from "./adminApi";

const audiences: ChannelAudience[] = ["OwnAgency", "Agencies", "Everyone"];

/** A new official channel of the agency: who it is for and whether they are all in it (mandatory). */
export function ChannelsTab({ agencyId, agencies }: { agencyId: string; agencies: AgencyInfo[] }) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [audience, setAudience] = useState<ChannelAudience>("OwnAgency");
  const [others, setOthers] = useState<string[]>([]);
  const [mandatory, setMandatory] = useState(false);
  const [created, setCreated] = useState<ChannelInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setOthers([]), [agencyId]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const channel = await adminApi.createChannel(agencyId, {
        name: name.trim(), description: description.trim() || null, audience, mandatory, agencies: audience === "Agencies" ? others : undefined,
      });
      setCreated(channel);
      setError(null);
      setName("");
      setDescription("");
      setMandatory(false);
    } catch (err) {
      setCreated(null);
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="create-channel" onSubmit={submit} data-testid="create-channel">
      <h2>{t("channels.createTitle")}</h2>
      <label for="channel-name">{t("channels.name")}</label>
      <input id="channel-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <label for="channel-description">{t("channels.description")}</label>
      <textarea id="channel-description" rows={2} maxLength={1000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      <label for="channel-audience">{t("channels.audienceLabel")}</label>
      <select id="channel-audience" value={audience} onChange={(e) => setAudience(e.currentTarget.value as ChannelAudience)}>
        {audiences.map((a) => <option key={a} value={a}>{t(`channels.audience.${a}`)}</option>)}
      </select>
      {audience === "Agencies" && (
        <select multiple aria-label={t("channels.audience.Agencies")}
          onChange={(e) => setOthers([...e.currentTarget.selectedOptions].map((o) => o.value))}>
          {agencies.filter((a) => a.id !== agencyId).map((a) => <option key={a.id} value={a.id} selected={others.includes(a.id)}>{a.name}</option>)}
        </select>
      )}
      <label class="switch">
        <input type="checkbox" checked={mandatory} onChange={(e) => setMandatory(e.currentTarget.checked)} />
        <span>{t("channels.mandatoryLabel")}</span>
      </label>
      <button type="submit" class="primary" disabled={busy || !name.trim()}>{t("channels.create")}</button>
      {created && (
        <p class="success" role="status">
          {t("channels.created", { name: created.name })}{" "}
          <button type="button" class="small" onClick={() => navigate(`/chats/${created.id}`)}>{t("channels.open")}</button>
        </p>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}
