/**
 * One open map: its Y.Doc and the y-websocket provider that syncs it with
 * the server at /ws/<mapId>. Reports connection state into the session store.
 * Close codes 4404 (no such map) and 4410 (deleted) are final: the stock
 * provider stops reconnecting for 44xx codes and emits `closed`.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { useSession, type ConnectionStatus } from '../state/session';

export const CLOSE_MAP_NOT_FOUND = 4404;
export const CLOSE_MAP_DELETED = 4410;

export interface MapConnection {
  mapId: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

export function websocketBaseUrl(loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws`;
}

export function openMap(mapId: string): MapConnection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(websocketBaseUrl(), mapId, doc, { disableBc: true });
  const session = useSession.getState();
  let everConnected = false;

  const status = (): ConnectionStatus => {
    if (!navigator.onLine) return 'offline';
    if (provider.wsconnected) return 'connected';
    return everConnected ? 'reconnecting' : 'connecting';
  };
  const report = () => session.setConnection(status());

  provider.on('status', ({ status: s }) => {
    if (s === 'connected') everConnected = true;
    report();
  });
  provider.on('sync', (synced: boolean) => {
    if (synced) session.setAvailability('ready');
  });
  provider.on('closed', ({ code }) => {
    if (code === CLOSE_MAP_NOT_FOUND) session.setAvailability('notFound');
    else if (code === CLOSE_MAP_DELETED) session.setAvailability('deleted');
  });
  const onNetwork = () => {
    // Back online: try at once instead of waiting out the backoff.
    if (navigator.onLine && !provider.wsconnected && provider.shouldConnect) provider.connect();
    report();
  };
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);
  report();

  return {
    mapId,
    doc,
    provider,
    destroy() {
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
      provider.destroy();
      doc.destroy();
    },
  };
}
