import { HubConnectionBuilder, HttpTransportType, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import { signal } from "@preact/signals";
import { accessToken, probeSession } from "./session";
import { fromHubError, GoChatError } from "./errors";

export type LinkState = "connecting" | "connected" | "reconnecting" | "offline";

/** What the banner shows: the hub link as the user experiences it. */
export const link = signal<LinkState>("connecting");

export interface HubHandlers {
  register(connection: HubConnection): void;
  /** Runs after every (re)connect, before the link counts as connected: the catch-up. */
  connected(): Promise<void>;
}

let connection: HubConnection | null = null;
let wanted = false;
let retryTimer: number | undefined;
let handlers: HubHandlers | null = null;
let failedStarts = 0;

/** Opens the hub and keeps it open (automatic reconnect, browser offline/online) until stopHub. */
export function startHub(h: HubHandlers) {
  handlers = h;
  wanted = true;
  connection = new HubConnectionBuilder()
    .withUrl("/hubs/chat", {
      transport: HttpTransportType.WebSockets,
      skipNegotiation: true,
      accessTokenFactory: async () => (await accessToken()) ?? "",
    })
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds: (ctx) => {
        // Refused again: the session may have ended (signed out elsewhere, suspended). The probe learns why over
        // REST; it ends a suspended account's session at once (which stops the hub), or refreshes the token.
        if (ctx.previousRetryCount >= 1) void probeSession();
        return Math.min(500 * 2 ** ctx.previousRetryCount, 5000);
      },
    })
    .configureLogging(LogLevel.Warning)
    .build();
  h.register(connection);
  // A gateway that is shutting down asks its clients to move: close, reconnect (another gateway answers) and catch up.
  connection.on("Draining", () => void connection?.stop());
  connection.onreconnecting(() => (link.value = navigator.onLine ? "reconnecting" : "offline"));
  connection.onreconnected(() => void afterConnect());
  connection.onclose(() => {
    if (wanted) scheduleStart();
  });
  window.addEventListener("offline", wentOffline);
  window.addEventListener("online", cameOnline);
  if (navigator.onLine) void open();
  else link.value = "offline";
}

export async function stopHub() {
  wanted = false;
  window.clearTimeout(retryTimer);
  window.removeEventListener("offline", wentOffline);
  window.removeEventListener("online", cameOnline);
  const c = connection;
  connection = null;
  await c?.stop();
}

/** Calls a hub method; a refusal becomes a GoChatError with the server's code. */
export async function invoke<T>(method: string, ...args: unknown[]): Promise<T> {
  if (!connection || connection.state !== HubConnectionState.Connected) {
    throw new GoChatError("OFFLINE", "Not connected.");
  }
  try {
    return await connection.invoke<T>(method, ...args);
  } catch (error) {
    throw fromHubError(error);
  }
}

/** Fire and forget for signals whose loss does not matter (typing). */
export function notify(method: string, ...args: unknown[]) {
  if (connection?.state === HubConnectionState.Connected) connection.send(method, ...args).catch(() => undefined);
}

async function open() {
  if (!connection || !wanted || connection.state !== HubConnectionState.Disconnected) return;
  link.value = "connecting";
  try {
    await connection.start();
    failedStarts = 0;
    await afterConnect();
  } catch {
    // A refused hub start may be a suspended account or a device revoked elsewhere: the probe asks /api/me why and
    // ends the session (wiping the offline copy) or refreshes the token. At the 1st, 2nd, 4th, 8th... failure only,
    // not at each retry of a gateway that is down.
    failedStarts++;
    if ((failedStarts & (failedStarts - 1)) === 0) void probeSession();
    scheduleStart();
  }
}

async function afterConnect() {
  try {
    await handlers?.connected();
    link.value = "connected";
  } catch {
    // The catch-up failed half way: drop the link and start over, so it runs again from the start.
    await connection?.stop();
  }
}

function scheduleStart() {
  window.clearTimeout(retryTimer);
  link.value = navigator.onLine ? "reconnecting" : "offline";
  if (navigator.onLine) retryTimer = window.setTimeout(() => void open(), 1000);
}

// The browser knows before the socket does: stop at once, so nothing is sent into a dead link.
function wentOffline() {
  link.value = "offline";
  void connection?.stop();
}

function cameOnline() {
  window.clearTimeout(retryTimer);
  void open();
}
