import { api } from "../../core/api";
import type { AccountStatus, AgencyDomain, AgencyInfo, AgencySecurity, AuditEntry, AuditVerification, DirectoryUser, UserRole } from "../../core/types";

/** The agency-admin REST routes (see gateway/Api/AdminEndpoints.cs and AgencyEndpoints.cs). */
export const adminApi = {
  agencies: () => api<AgencyInfo[]>("GET", "/api/agencies"),
  users: (agencyId: string, status?: AccountStatus) =>
    api<DirectoryUser[]>("GET", `/api/admin/agencies/${agencyId}/users${status ? `?status=${status}` : ""}`),
  act: (userId: string, action: "approve" | "reject" | "suspend" | "reinstate") => api("POST", `/api/admin/users/${userId}/${action}`),
  setRole: (userId: string, role: UserRole) => api("PUT", `/api/admin/users/${userId}/role`, { role }),
  /** Active at once for a platform admin (unless another agency must consent); otherwise a pending request. */
  requestDomain: (agencyId: string, domain: string) => api<AgencyDomain>("POST", `/api/admin/agencies/${agencyId}/domains`, { domain }),
  removeDomain: (agencyId: string, domain: string) => api("DELETE", `/api/admin/agencies/${agencyId}/domains/${encodeURIComponent(domain)}`),
  /** Platform admin: every pending request. Agency admin: their agency's and those awaiting its consent. */
  domainRequests: () => api<AgencyDomain[]>("GET", "/api/admin/domain-requests"),
  decideDomain: (domain: string, decision: "consent" | "approve" | "reject") =>
    api("POST", `/api/admin/domain-requests/${encodeURIComponent(domain)}/${decision}`),
  audit: (agencyId: string) => api<AuditEntry[]>("GET", `/api/admin/agencies/${agencyId}/audit?limit=100`),
  verify: () => api<AuditVerification>("GET", "/api/admin/audit/verify"),
  security: (agencyId: string) => api<AgencySecurity>("GET", `/api/admin/agencies/${agencyId}/security`),
  setSecurity: (agencyId: string, security: Partial<AgencySecurity>) => api<AgencySecurity>("PUT", `/api/admin/agencies/${agencyId}/security`, security),
};
