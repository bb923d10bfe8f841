import { api } from "../../core/api";
import type { AccountStatus, AgencyDomain, ChannelAudience, ChannelInfo, AgencyInfo, AgencySecurity, AuditEntry, AuditVerification, DirectoryUser, ExternalPermissions, UserRole } from "../../core/types";

/** What a leak trace found (gateway/Broadcasts/LeakTrace.cs). */
export interface LeakTrace {
  found: boolean;
  method: string;
  broadcast: { broadcastId: string; channelId: string; seq: number; level: string; postedAt: string; channelName: string } | null;
  recipients: { userId: string; displayName: string | null; email: string | null; evidence: number }[];
  marksRead: number;
  falseMatchBound: number;
  message: string;
}

/** A query string of the values that are set. */
function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== "") params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The agency-admin REST routes (see gateway/Api/AdminEndpoints.cs and AgencyEndpoints.cs). */
export const adminApi = {
  agencies: () => api<AgencyInfo[]>("GET", "/api/agencies"),
  /** A page of the agency's users, newest first; q searches name and email on the server. */
  users: (agencyId: string, page: { status?: AccountStatus; q?: string; offset?: number; limit?: number } = {}) =>
    api<DirectoryUser[]>("GET", `/api/admin/agencies/${agencyId}/users${query(page)}`),
  createAgency: (name: string, category: string, domains: string[]) => api<AgencyInfo>("POST", "/api/admin/agencies", { name, category, domains }),
  permissions: (userId: string) => api<ExternalPermissions>("GET", `/api/admin/users/${userId}/permissions`),
  setPermissions: (userId: string, permissions: ExternalPermissions) => api("PUT", `/api/admin/users/${userId}/permissions`, permissions),
  act: (userId: string, action: "approve" | "reject" | "suspend" | "reinstate") => api("POST", `/api/admin/users/${userId}/${action}`),
  setRole: (userId: string, role: UserRole) => api("PUT", `/api/admin/users/${userId}/role`, { role }),
  /** Active at once for a platform admin (unless another agency must consent); otherwise a pending request. */
  requestDomain: (agencyId: string, domain: string) => api<AgencyDomain>("POST", `/api/admin/agencies/${agencyId}/domains`, { domain }),
  removeDomain: (agencyId: string, domain: string) => api("DELETE", `/api/admin/agencies/${agencyId}/domains/${encodeURIComponent(domain)}`),
  /** Platform admin: every pending request. Agency admin: their agency's and those awaiting its consent. */
  domainRequests: () => api<AgencyDomain[]>("GET", "/api/admin/domain-requests"),
  decideDomain: (domain: string, decision: "consent" | "approve" | "reject") =>
    api("POST", `/api/admin/domain-requests/${encodeURIComponent(domain)}/${decision}`),
  /** A page of the audit log, newest first, ending before the row id given (keyset); q searches on the server. */
  audit: (agencyId: string, page: { before?: number; q?: string; limit?: number } = {}) =>
    api<AuditEntry[]>("GET", `/api/admin/agencies/${agencyId}/audit${query(page)}`),
  verify: () => api<AuditVerification>("GET", "/api/admin/audit/verify"),
  security: (agencyId: string) => api<AgencySecurity>("GET", `/api/admin/agencies/${agencyId}/security`),
  /** An official broadcast channel of the agency (ChannelAdminEndpoints.cs). */
  createChannel: (agencyId: string, channel: { name: string; description: string | null; audience: ChannelAudience; mandatory: boolean; agencies?: string[] }) =>
    api<ChannelInfo>("POST", `/api/admin/agencies/${agencyId}/channels`, channel),
  /** Whose copy a leaked text (or the code on a screenshot's overlay) is. */
  trace: (agencyId: string, leak: { text?: string; code?: string }) => api<LeakTrace>("POST", "/api/admin/leaks/trace", { agencyId, ...leak }),
  traceImage: (agencyId: string, picture: Blob) => api<LeakTrace>("POST", `/api/admin/leaks/trace/image/${agencyId}`, picture),
  setSecurity: (agencyId: string, security: Partial<AgencySecurity>) => api<AgencySecurity>("PUT", `/api/admin/agencies/${agencyId}/security`, security),
};
