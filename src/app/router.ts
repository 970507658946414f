/** Two routes do not need a router library: `/` and `/m/<mapId>`. */
import { useSyncExternalStore } from 'react';

export type Route = { name: 'dashboard' } | { name: 'map'; mapId: string } | { name: 'notFound' };

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'dashboard' };
  const m = /^\/m\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  return m ? { name: 'map', mapId: m[1]! } : { name: 'notFound' };
}

const NAVIGATE = 'journeyboard:navigate';

function subscribe(listener: () => void) {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE, listener);
  };
}

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE));
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export const mapPath = (mapId: string): string => `/m/${mapId}`;
