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
import { CLOSE } from '../model/closeCodes';
import { mapLinkKey } from '../model/roles';
import { useSession, type ConnectionStatus, type MapAvailability } from '../state/session';
import { presenceKey } from './participant';

export interface MapConnection {
  mapId: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** the map's comments: a second doc and room (`<mapId>/comments`), so commenters can write comments and nothing else */
  commentsDoc: Y.Doc;
  commentsProvider: WebsocketProvider;
  /** Tells the session again what this connection has told it (a session reset since the connection opened). */
  retell(): void;
  destroy(): void;
}

export function websocketBaseUrl(loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws`;
}

/**
 * `token`: the share link's token, sent as `?token=` on both sockets (left
 * out without one: the server refuses an empty token). Both also carry this
 * browser's presence key, so its presence stays its own across a reconnect.
 */
export function openMap(mapId: string, token: string | null = null): MapConnection {
  const doc = new Y.Doc();
  const options = { disableBc: true, params: { presenceKey: presenceKey(), ...(token ? { token } : {}) } };
  const provider = new WebsocketProvider(websocketBaseUrl(), mapId, doc, options);
  const commentsDoc = new Y.Doc();
  const commentsProvider = new WebsocketProvider(websocketBaseUrl(), `${mapId}/comments`, commentsDoc, options);
  const localCopy = new IndexeddbPersistence(`journeyboard:${mapId}`, doc);
  const localComments = new IndexeddbPersistence(`journeyboard:${mapId}/comments`, commentsDoc);
  const session = useSession.getState();
  let everConnected = false;
  // What this connection has told the session, so it can tell it again (retell).
  const told: { availability?: MapAvailability; localOnlyEdits?: boolean } = {};
  const setAvailability = (availability: MapAvailability) => {
    told.availability = availability;
    session.setAvailability(availability);
  };
  const setLocalOnlyEdits = (localOnlyEdits: boolean) => {
    told.localOnlyEdits = localOnlyEdits;
    session.setLocalOnlyEdits(localOnlyEdits);
  };

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
    setAvailability('ready');
    // The server has answered our state with its own, and has ours in return.
    setLocalOnlyEdits(false);
  });
  // A map opened on this device before shows from its local copy at once,
  // even when the server cannot be reached.
  // A copy kept while talking to an older server may hold updates whose
  // dependencies never arrived; this server refuses them (4422), so they go.
  const dropPending = (d: Y.Doc) => {
    d.store.pendingStructs = null;
    d.store.pendingDs = null;
  };
  void localComments.whenSynced.then(() => dropPending(commentsDoc));
  void localCopy.whenSynced.then(() => {
    dropPending(doc);
    if (metaMap(doc).get('title') !== undefined && told.availability === undefined) setAvailability('ready');
  });
  const onLocalEdit = (_update: Uint8Array, origin: unknown) => {
    if (origin === LOCAL_ORIGIN && !(provider.wsconnected && provider.synced)) setLocalOnlyEdits(true);
  };
  doc.on('update', onLocalEdit);
  provider.on('closed', ({ code }) => {
    // The server will never take this copy: gone, or holding a change it refused (which a
    // reconnect would only send again). The next load starts from the server's map.
    const dropLocal: number[] = [CLOSE.mapNotFound, CLOSE.mapDeleted, CLOSE.mapFull, CLOSE.missingDependencies];
    if (dropLocal.includes(code)) {
      void localCopy.clearData();
      void localComments.clearData();
      setLocalOnlyEdits(false);
    }
    if (code === CLOSE.mapNotFound) setAvailability('notFound');
    else if (code === CLOSE.mapDeleted) setAvailability('deleted');
    else if (code === CLOSE.unauthorized) setAvailability('revoked');
    else if (code === CLOSE.mapFull) setAvailability('full');
    else if (code === CLOSE.missingDependencies) setAvailability('refused');
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
    retell() {
      report();
      if (told.availability !== undefined) session.setAvailability(told.availability);
      if (told.localOnlyEdits !== undefined) session.setLocalOnlyEdits(told.localOnlyEdits);
    },
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

/**
 * A connection opened before the page that shows the map has rendered
 * (main.tsx, once access is granted), so the sockets' round trips and the
 * server's state arrive while the page is still being drawn.
 */
let early: { key: string; connection: MapConnection } | null = null;
/** The map a page has connected to: an early opening for it comes too late and is not made. */
let connectedKey: string | null = null;

export function openMapEarly(mapId: string, token: string | null): void {
  const key = mapLinkKey(mapId, token);
  if (connectedKey === key || early?.key === key) return;
  early?.connection.destroy();
  early = { key, connection: openMap(mapId, token) };
}

/** The map's connection for its page: the early one if it is for this map and link (taken once), else a new one. */
export function connectMap(mapId: string, token: string | null): MapConnection {
  const key = mapLinkKey(mapId, token);
  connectedKey = key;
  const taken = early;
  early = null;
  if (taken?.key === key) {
    // The session was reset for the page after the connection opened: what it said, it says again.
    taken.connection.retell();
    return taken.connection;
  }
  taken?.connection.destroy();
  return openMap(mapId, token);
}
