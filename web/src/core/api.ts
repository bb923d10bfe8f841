import { GoChatError } from "./errors";
import { accessToken, clear, endedByRefusal } from "./session";

/**
 * REST against the gateway with the session's bearer token; problem details become GoChatError. A Blob (a picture
 * file) goes as it is, with its own type; anything else as JSON.
 */
export async function api<T>(method: string, path: string, body?: unknown, anonymous = false, extraHeaders?: Record<string, string>): Promise<T> {
  const raw = body instanceof Blob;
  const send = async (token: string | null) => {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers["content-type"] = raw ? body.type : "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await fetch(path, { method, headers, body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
    } catch {
      throw new GoChatError("OFFLINE", "The network is unreachable.");
    }
  };
  let response = await send(anonymous ? null : await accessToken());
  if (response.status === 401 && !anonymous) {
    // Suspended or rejected: no refresh can help, and the sign-in page says why.
    if (await endedByRefusal(response)) throw await problem(response);
    const renewed = await accessToken(true);
    if (!renewed) throw new GoChatError("INVALID_SESSION", "Signed out.");
    response = await send(renewed);
    if (response.status === 401) clear();
  }
  if (!response.ok) throw await problem(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function problem(response: Response): Promise<GoChatError> {
  try {
    const body = (await response.json()) as { code?: string; title?: string };
    return new GoChatError(body.code ?? `HTTP_${response.status}`, body.title ?? response.statusText);
  } catch {
    return new GoChatError(response.status === 403 ? "FORBIDDEN" : `HTTP_${response.status}`, response.statusText);
  }
}
