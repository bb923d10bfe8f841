// GoChat's service worker caches the app shell only, so the app opens without a network. Messages, the API and
// the hub never pass through it: they are private (the client keeps its own sealed copy, see
// src/core/offline/offlineCache.ts), and the client's own catch-up (Sync) keeps them right.
// It also shows Web Push notifications, which say only that a message is waiting: the push passes through the
// browser vendor's service, so it carries no sender and no text (docs/security/web-push.md).
const shell = "gochat-shell-v3";
// The page writes the user's language here (features/settings/webPush.ts); kept across versions of the shell.
const prefs = "gochat-prefs";
const notice = { ms: "Mesej baharu dalam GoChat", en: "New message in GoChat" };
const precache = ["/manifest.webmanifest", "/icon.svg", "/icon-192.png", "/icon-512.png"];
// Attachments (/files/) too: private, served with byte ranges, and a PDF opened in a frame is a navigation that must
// reach the gateway, never the cached shell.
const serverPaths = ["/api/", "/hubs/", "/openapi/", "/health/", "/files/"];

/** index.html and the bundles it names: the first page load fetched them before this worker existed. */
async function cacheShell(cache, response) {
  const html = await response.clone().text();
  const assets = [...new Set([...html.matchAll(/["'](\/assets\/[^"'?#]+)["']/g)].map((m) => m[1]))];
  await cache.addAll(assets);
  await cache.put("/", response);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(shell);
    await cache.addAll(precache);
    const index = await fetch("/", { cache: "no-cache" });
    if (index.ok) await cacheShell(cache, index);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== shell && k !== prefs).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (serverPaths.some((p) => url.pathname.startsWith(p))) return;

  if (request.mode === "navigate") {
    // Network first, so a new version shows at once (and is kept for offline, with its bundles); the cached shell
    // when offline. Every client route is the same index.html.
    event.respondWith(fetch(request).then((response) => {
      if (response.ok && (response.headers.get("content-type") ?? "").startsWith("text/html")) {
        const copy = response.clone();
        event.waitUntil(caches.open(shell).then((cache) => cacheShell(cache, copy)).catch(() => undefined));
      }
      return response;
    }).catch(async () => (await caches.match("/")) ?? Response.error()));
    return;
  }
  if (url.pathname.startsWith("/assets/")) {
    // Bundles are named by their content hash: once cached, always right.
    event.respondWith(
      caches.match(request).then((hit) => hit ?? fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(shell).then((cache) => cache.put(request, copy));
        }
        return response;
      })),
    );
    return;
  }
  event.respondWith(fetch(request).catch(async () => (await caches.match(request)) ?? Response.error()));
});

async function noticeText() {
  try {
    const hit = await caches.open(prefs).then((cache) => cache.match("/__prefs/language"));
    const lang = hit ? await hit.text() : "ms";
    return notice[lang] ?? notice.ms;
  } catch {
    return notice.ms;
  }
}

self.addEventListener("push", (event) => {
  // The payload is fixed and content-free; nothing in it is shown. One tag: a burst of pushes is one notification.
  event.waitUntil(noticeText().then((title) => self.registration.showNotification(title, {
    tag: "gochat-new-message",
    renotify: true,
    icon: "/icon-192.png",
    badge: "/icon-192.png",
    data: { url: "/" },
  })));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
    const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
    if (open) return open.focus();
    return self.clients.openWindow("/");
  }));
});
