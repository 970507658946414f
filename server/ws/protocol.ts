/**
 * The y-websocket wire protocol (y-protocols' sync and awareness, framed with
 * a leading message type), so the stock WebsocketProvider is our client.
 * See y-protocols/PROTOCOL.md. Pure functions: no sockets, no rooms.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Outer message types, numbered as y-websocket numbers them. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** One client's entry in an awareness update; `state: null` removes the client. */
export interface AwarenessEntry {
  clientID: number;
  clock: number;
  state: unknown;
}

/** What a client may send, fully decoded and checked before anything acts on it. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  /**
   * sync step 2 and incremental updates are both "apply this update";
   * `step2` tells them apart (a client sends its step 2 on every connect)
   */
  | { type: 'update'; update: Uint8Array; step2?: true }
  | { type: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { type: 'query-awareness' }
  /** y-websocket's auth message: the server sends it, a client never needs to */
  | { type: 'auth' };

/** A message that is not the protocol: the socket that sent it is closed. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/**
 * Decodes one client message. Throws ProtocolError (or a lib0 decoding error
 * for truncated input) on anything malformed. We do not use
 * syncProtocol.readSyncMessage, because it applies updates itself and
 * swallows a failing applyUpdate: the server must see the failure to close
 * the socket.
 */
export function decodeClientMessage(message: Uint8Array): ClientMessage {
  const d = decoding.createDecoder(message);
  const type = decoding.readVarUint(d);
  let decoded: ClientMessage;
  switch (type) {
    case MESSAGE_SYNC: {
      const syncType = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(payload); // throws on a malformed state vector
        decoded = { type: 'sync-step1', stateVector: payload };
      } else if (syncType === syncProtocol.messageYjsSyncStep2) {
        decoded = { type: 'update', update: payload, step2: true };
      } else if (syncType === syncProtocol.messageYjsUpdate) {
        decoded = { type: 'update', update: payload };
      } else {
        throw new ProtocolError(`unknown sync message type ${syncType}`);
      }
      break;
    }
    case MESSAGE_AWARENESS: {
      const update = decoding.readVarUint8Array(d);
      decoded = { type: 'awareness', update, entries: decodeAwarenessUpdate(update) };
      break;
    }
    case MESSAGE_QUERY_AWARENESS:
      decoded = { type: 'query-awareness' };
      break;
    case MESSAGE_AUTH:
      decoded = { type: 'auth' };
      return decoded; // its payload is the server's to define; ignored
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
  if (decoding.hasContent(d)) throw new ProtocolError('trailing bytes after message');
  return decoded;
}

/**
 * The entries of an awareness update, read without applying it, so the
 * server can check whose entries they are first. Throws on malformed input,
 * including a state that is not JSON (applying it would throw half-way
 * through, after some entries were already applied).
 */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const len = decoding.readVarUint(d);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < len; i++) {
    const clientID = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state: unknown = JSON.parse(decoding.readVarString(d));
    entries.push({ clientID, clock, state });
  }
  if (decoding.hasContent(d)) throw new ProtocolError('trailing bytes after awareness update');
  return entries;
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

/** The answer to a client's sync step 1: everything it is missing. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(e, doc, stateVector);
  return encoding.toUint8Array(e);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}

/**
 * y-websocket's auth message "permission denied" (y-protocols/auth): the
 * stock provider logs the reason; our client shows read-only UI.
 */
export function encodePermissionDenied(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(e, reason);
  return encoding.toUint8Array(e);
}
