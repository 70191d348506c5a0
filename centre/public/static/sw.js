// The public pages' service worker: keeps the page scripts, the offline verification page and
// the centre's trust list, so a phone that opened a page once can still check signatures offline. Live
// statuses are never served from the cache: offline, /V/ pages get the offline page, which says so.
"use strict";
const CACHE = "hsc-public-v1";
const SHELL = ["/p/offline.html", "/p/verify.js", "/p/public.css", "/p/icon.svg"];
// The electronic credential (centre/ecard): the worker's card page, the offline check of a shown code, their files.
const ECARD = ["/e/", "/e/check", "/e/manifest.webmanifest", "/static/ecard/ecard.js", "/static/ecard/ecard.css",
               "/static/vendor/qrcode-generator/qrcode.js"];
const ECARD_FILES = ["/e/manifest.webmanifest", "/static/ecard/", "/static/vendor/qrcode-generator/"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL).then(() => c.addAll(ECARD).catch(() => {})))
    .then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

async function networkThenCache(request, fallback) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !fallback) await cache.put(request, response.clone());
    return response;
  } catch (e) {
    return (await cache.match(fallback || request)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin) return;
  if (url.pathname === "/v1/trust-list") event.respondWith(networkThenCache(event.request));
  else if (url.pathname.startsWith("/V/") && event.request.mode === "navigate")
    event.respondWith(networkThenCache(event.request, "/p/offline.html"));
  else if (url.pathname.startsWith("/E/") && event.request.mode === "navigate")
    event.respondWith(networkThenCache(event.request, "/e/check"));
  else if (url.pathname === "/e/") event.respondWith(networkThenCache(event.request, "/e/"));
  else if (ECARD_FILES.some((p) => url.pathname.startsWith(p))) event.respondWith(networkThenCache(event.request));
  else if (url.pathname.startsWith("/p/"))
    event.respondWith(caches.match(event.request).then((hit) => hit || fetch(event.request)));
});
