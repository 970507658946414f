/**
 * One open map: its Y.Doc and the y-websocket provider that syncs it with
 * the server at /ws/<mapId>, plus a copy in IndexedDB (y-indexeddb) so a map
 * opened before shows and takes edits offline; they merge when the server is
 * back. Reports connection state, and whether there are edits only this
 * device has, into the session store. Close codes 4404 (no such map) and 4410
 * (deleted) are final: the stock provider stops reconnecting for 44xx codes
 * and emits `closed`; the local copy is dropped then.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { LOCAL_ORIGIN, metaMap } from '../model/doc';
import { useSession, type ConnectionStatus } from '../state/session';

export const CLOSE_MAP_NOT_FOUND = 4404;
export const CLOSE_MAP_DELETED = 4410;
/** an invalid or revoked link, or a workspace sign-in that is missing */
export const CLOSE_UNAUTHORIZED = 4401;

export interface MapConnection {
  mapId: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** the map's comments: a second doc and room (`<mapId>/comments`), so commenters can write comments and nothing else */
  commentsDoc: Y.Doc;
  commentsProvider: WebsocketProvider;
  destroy(): void;
}

export function websocketBaseUrl(loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws`;
}

/** `token`: the share link's token, sent as `?token=` on both sockets (left out without one: the server refuses an empty token). */
export function openMap(mapId: string, token: string | null = null): MapConnection {
  const doc = new Y.Doc();
  const options = { disableBc: true, ...(token ? { params: { token } } : {}) };
  const provider = new WebsocketProvider(websocketBaseUrl(), mapId, doc, options);
  const commentsDoc = new Y.Doc();
  const commentsProvider = new WebsocketProvider(websocketBaseUrl(), `${mapId}/comments`, commentsDoc, options);
  const localCopy = new IndexeddbPersistence(`journeyboard:${mapId}`, doc);
  const localComments = new IndexeddbPersistence(`journeyboard:${mapId}/comments`, commentsDoc);
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
    if (!synced) return;
    session.setAvailability('ready');
    // The server has answered our state with its own, and has ours in return.
    session.setLocalOnlyEdits(false);
  });
  // A map opened on this device before shows from its local copy at once,
  // even when the server cannot be reached.
  void localCopy.whenSynced.then(() => {
    if (metaMap(doc).get('title') !== undefined && useSession.getState().availability === 'loading') session.setAvailability('ready');
  });
  const onLocalEdit = (_update: Uint8Array, origin: unknown) => {
    if (origin === LOCAL_ORIGIN && !(provider.wsconnected && provider.synced)) session.setLocalOnlyEdits(true);
  };
  doc.on('update', onLocalEdit);
  provider.on('closed', ({ code }) => {
    if (code === CLOSE_MAP_NOT_FOUND || code === CLOSE_MAP_DELETED) {
      void localCopy.clearData();
      void localComments.clearData();
      session.setLocalOnlyEdits(false);
    }
    if (code === CLOSE_MAP_NOT_FOUND) session.setAvailability('notFound');
    else if (code === CLOSE_MAP_DELETED) session.setAvailability('deleted');
    else if (code === CLOSE_UNAUTHORIZED) session.setAvailability('revoked');
  });
  const onNetwork = () => {
    // Offline: stop retrying (and say so); back online: connect at once
    // instead of waiting out the backoff.
    for (const p of [provider, commentsProvider]) {
      if (!navigator.onLine) p.disconnect();
      else if (!p.wsconnected) p.connect();
    }
    report();
  };
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);
  report();

  return {
    mapId,
    doc,
    provider,
    commentsDoc,
    commentsProvider,
    destroy() {
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
      doc.off('update', onLocalEdit);
      void localCopy.destroy();
      void localComments.destroy();
      commentsProvider.destroy();
      commentsDoc.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}
