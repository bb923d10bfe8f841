// GoChat's service worker caches the app shell only, so the app opens without a network. Messages, the API and
// the hub never pass through it: they are private, and the client's own catch-up (Sync) keeps them right.
const shell = "gochat-shell-v1";
const precache = ["/", "/manifest.webmanifest", "/icon.svg", "/icon-192.png", "/icon-512.png"];
const serverPaths = ["/api/", "/hubs/", "/openapi/", "/health/"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(shell).then((cache) => cache.addAll(precache)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== shell).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (serverPaths.some((p) => url.pathname.startsWith(p))) return;

  if (request.mode === "navigate") {
    // Network first, so a new version shows at once; the cached shell when offline.
    event.respondWith(fetch(request).catch(() => caches.match("/")));
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
  event.respondWith(fetch(request).catch(() => caches.match(request)));
});
