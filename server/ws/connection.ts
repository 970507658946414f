/**
 * One websocket on one room. Everything a client sends is untrusted: a
 * malformed message, an oversized frame or a flood closes this socket only,
 * and an awareness update about another socket's client is dropped.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { Room, RoomPeer } from './room';
import type { RoomRegistry } from './rooms';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  awarenessClientIds,
  encodeAwareness,
  encodeSyncStep1,
} from './protocol';

export const CLOSE_MALFORMED = 1007;
export const CLOSE_POLICY = 1008;
export const CLOSE_SHUTDOWN = 1001;
export const CLOSE_MAP_NOT_FOUND = 4404;
export const CLOSE_MAP_DELETED = 4410;

const PING_INTERVAL_MS = 30_000;
/** most awareness client ids one socket may own (a y-websocket client uses one) */
const MAX_OWNED_CLIENTS = 8;

export interface ConnectionOptions {
  maxMessagesPerSecond: number;
  log: Logger;
  /** Issue 4 seam: false for viewers; their document updates are dropped. */
  canWriteDoc?: boolean;
}

class TokenBucket {
  private tokens: number;
  private last = Date.now();
  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

class ProtocolError extends Error {}

export function serveConnection(ws: WebSocket, mapId: string, rooms: RoomRegistry, opts: ConnectionOptions): void {
  const log = opts.log;
  const peer: RoomPeer = {
    send(message) {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(message, (err) => {
        if (err) ws.terminate();
      });
    },
    close(code, reason) {
      ws.close(code, reason);
    },
  };
  const bucket = new TokenBucket(opts.maxMessagesPerSecond, opts.maxMessagesPerSecond * 3);
  let room: Room | null = null;
  const queue: Uint8Array[] = [];
  let closed = false;

  ws.binaryType = 'nodebuffer';
  ws.on('error', (err) => log.warn('socket error', { map: mapId, err }));

  const fail = (code: number, reason: string, err?: unknown) => {
    log.warn('closing socket', { map: mapId, code, reason, err });
    ws.close(code, reason);
  };

  const handle = (message: Uint8Array) => {
    if (!room) return;
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        // Dispatched here rather than through syncProtocol.readSyncMessage,
        // which swallows a failing applyUpdate: a malformed update must close
        // the socket.
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          syncProtocol.readSyncStep1(decoder, encoder, room.doc);
          peer.send(encoding.toUint8Array(encoder));
        } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          if (opts.canWriteDoc === false) return;
          Y.applyUpdate(room.doc, update, peer);
        } else {
          throw new ProtocolError(`unknown sync message type ${syncType}`);
        }
        return;
      }
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        const ids = awarenessClientIds(update);
        const owned = room.peers.get(peer);
        if (!room.mayControl(peer, ids) || (owned && new Set([...owned, ...ids]).size > MAX_OWNED_CLIENTS)) {
          log.warn('awareness update for a client this socket does not own: dropped', { map: mapId, ids });
          return;
        }
        awarenessProtocol.applyAwarenessUpdate(room.awareness, update, peer);
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        peer.send(encodeAwareness(room.awareness, [...room.awareness.getStates().keys()]));
        return;
      case MESSAGE_AUTH:
        return;
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  };

  const receive = (message: Uint8Array) => {
    try {
      handle(message);
    } catch (err) {
      fail(CLOSE_MALFORMED, 'malformed message', err);
    }
  };

  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (closed) return;
    if (!bucket.take()) return fail(CLOSE_POLICY, 'rate limit');
    if (!isBinary) return fail(CLOSE_MALFORMED, 'binary messages only');
    // A copy with its own ArrayBuffer: a view into ws's pooled buffer would let a
    // lying length prefix read past this message into other bytes.
    const message = Uint8Array.from(data);
    if (room) receive(message);
    else queue.push(message);
  });

  let alive = true;
  ws.on('pong', () => {
    alive = true;
  });
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, PING_INTERVAL_MS);

  ws.on('close', () => {
    closed = true;
    clearInterval(ping);
    if (room) rooms.leave(room, peer);
  });

  rooms
    .get(mapId)
    .then((r) => {
      if (closed) {
        rooms.scheduleIdle(r);
        return;
      }
      room = r;
      rooms.join(r, peer);
      // The state is loaded: only now answer, so a client never syncs with an empty doc.
      peer.send(encodeSyncStep1(r.doc));
      const states = [...r.awareness.getStates().keys()];
      if (states.length > 0) peer.send(encodeAwareness(r.awareness, states));
      for (const m of queue.splice(0)) receive(m);
    })
    .catch((err: unknown) => {
      log.error('room failed to load', { map: mapId, err });
      ws.close(1011, 'map failed to load');
    });
}
