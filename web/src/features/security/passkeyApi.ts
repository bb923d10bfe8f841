import { api } from "../../core/api";
import type { PasskeyInfo, SignInResponse } from "../../core/types";
import { createPasskey, getPasskey } from "../../core/webauthn";

/** The passkey routes (gateway/Api/PasskeyEndpoints.cs). */
export const passkeyApi = {
  list: () => api<PasskeyInfo[]>("GET", "/api/me/passkeys"),
  async add(name: string): Promise<PasskeyInfo> {
    const options = await api<Record<string, unknown>>("POST", "/api/me/passkeys/options");
    const credential = await createPasskey(options);
    return api<PasskeyInfo>("POST", "/api/me/passkeys", { name, credential });
  },
  rename: (id: string, name: string) => api<PasskeyInfo>("PATCH", `/api/me/passkeys/${encodeURIComponent(id)}`, { name }),
  revoke: (id: string) => api("DELETE", `/api/me/passkeys/${encodeURIComponent(id)}`),
  async signIn(deviceName: string): Promise<SignInResponse> {
    const options = await api<Record<string, unknown>>("POST", "/api/auth/passkey/options", undefined, true);
    const credential = await getPasskey(options);
    return api<SignInResponse>("POST", "/api/auth/passkey/verify", { credential, deviceName }, true);
  },
};
