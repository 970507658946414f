/*
 * Journeyboard's service worker: keeps the app shell (the page and its
 * hashed assets) so a map opened before can be reloaded offline; the map's
 * content itself comes from IndexedDB (y-indexeddb). Network first, so a new
 * deployment is picked up whenever the server is reachable. The API and the
 * websocket are never cached.
 */
const CACHE = 'journeyboard-shell-v1';

/** The page and every asset of the build, so the first visit is enough to work offline later. */
async function precacheShell() {
  const cache = await caches.open(CACHE);
  const page = await fetch('/index.html', { cache: 'no-cache' });
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put('/index.html', page);
  const linked = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  // Lazy chunks (the export dialog, the metrics import) are not linked by the page: the build lists them.
  const listed = await fetch('/asset-manifest.json', { cache: 'no-cache' })
    .then((r) => (r.ok ? r.json() : []))
    .catch(() => []);
  const assets = [...new Set([...linked, ...listed.filter((url) => typeof url === 'string' && url.startsWith('/assets/'))])];
  await Promise.all(assets.map((url) => fetch(url).then((r) => (r.ok ? cache.put(url, r) : undefined))));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    precacheShell()
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/ws/') || url.pathname === '/health') return;
  // Every page of the app is the same index.html (client-side routes).
  const key = request.mode === 'navigate' ? '/index.html' : request;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(key, copy));
        }
        return response;
      })
      .catch(() => caches.match(key).then((hit) => hit ?? Response.error())),
  );
});
