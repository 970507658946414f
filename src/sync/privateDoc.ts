/**
 * An editor's private document of a map (workshop rounds): the cards they
 * write and the votes they cast before a reveal. The socket carries the
 * presence key, from which the server decides whose document this is; no
 * other browser can reach it. Not kept in IndexedDB: private work is on the
 * server, which needs it for the reveal, and not left on a shared computer.
 * The socket is open only while a round runs: thirty editors in a workshop
 * should not hold thirty idle sockets on the server the rest of the day.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { websocketBaseUrl } from './mapConnection';
import { presenceKey } from './participant';

export interface PrivateConnection {
  doc: Y.Doc;
  /** connects while a round runs, disconnects otherwise (the doc keeps what it has) */
  setActive(active: boolean): void;
  destroy(): void;
}

export function openPrivateDoc(mapId: string, token: string | null): PrivateConnection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(websocketBaseUrl(), `${mapId}/private`, doc, {
    disableBc: true,
    params: { presenceKey: presenceKey(), ...(token ? { token } : {}) },
    connect: false,
  });
  return {
    doc,
    setActive(active) {
      if (active && !provider.shouldConnect) provider.connect();
      else if (!active && provider.shouldConnect) provider.disconnect();
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Asks the server to reveal (or end) a round: idempotent, so every editor's page may ask when a time box runs out. */
export async function requestReveal(mapId: string, token: string | null, roundId: string): Promise<boolean> {
  const base = `/api/maps/${encodeURIComponent(mapId)}/rounds/${encodeURIComponent(roundId)}/reveal`;
  const res = await fetch(token ? `${base}?token=${encodeURIComponent(token)}` : base, { method: 'POST' });
  return res.ok;
}
