import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, loadMapPage } from './app/App';
import { pageToken, prefetchAccess } from './app/access';
import { parseRoute } from './app/router';
import { initI18n } from './i18n/setup';
import './fonts';
import './styles.css';

initI18n();

// A page that opens on a map asks the server for access while the map's code
// loads, rather than after, and once access is granted opens the map's
// sockets while the page renders. Not when it opens through a sign-in link:
// the answer must wait until the link has signed the browser in.
const opening = parseRoute(window.location.pathname);
if (opening.name === 'map' && !window.location.hash.startsWith('#signin=')) {
  const { mapId } = opening;
  const token = pageToken();
  const access = prefetchAccess(mapId, token);
  void loadMapPage();
  void Promise.all([access, import('./sync/mapConnection')]).then(([answer, connection]) => {
    if (answer.kind === 'granted') connection.openMapEarly(mapId, token);
  });
}

// The app shell is cached by a service worker so a map opened before can be
// reloaded offline (its content comes from IndexedDB). Production builds only:
// the dev server's modules change on every edit.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((err: unknown) => console.warn('service worker not registered', err));
  });
}
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
