/**
 * One websocket on one room: the transport half of a peer. Everything a
 * client sends is untrusted: a malformed message, an oversized frame (ws
 * `maxPayload`) or a flood closes this socket only; nothing a client sends
 * can throw out of here.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CLOSE } from '../../src/model/closeCodes';
import { canWrite, type MapDocKind, type Role } from '../../src/model/roles';
import { TokenBucket } from '../limits';
import type { Logger } from '../log';
import { docId, PRIVATE_PREFIX, type DocName } from '../store/types';

const docKind = (sub: DocName | null): MapDocKind => (sub === null ? 'map' : sub.startsWith(PRIVATE_PREFIX) ? 'private' : 'comments');
import { decodeClientMessage, encodePermissionDenied, type ClientMessage } from './protocol';
import type { Participant } from './presenceClaims';
import { CatchUp } from './catchUp';
import { MapNotFoundError, UpdateRefusedError, type HandleResult, type Room, type RoomPeer } from './room';
import type { RoomRegistry } from './rooms';

/** Messages held while the room loads; a real client sends two or three. */
const MAX_QUEUED_BEFORE_READY = 256;
/**
 * Bytes waiting in the socket's send buffer before we give up on a client
 * that does not read (it would otherwise hold server memory without bound).
 */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/**
 * What an awareness echo costs, in messages. Every stock provider re-sends
 * each awareness change it receives, so a socket's inbound rate grows with
 * the number of people moving cursors on the map (20 people dragging at
 * 20 Hz would be 400 messages/s per socket). Echoes change nothing and are
 * not relayed, so they count a tenth: the limit stays about real traffic.
 */
const ECHO_COST = 0.1;
/** A socket whose updates are dropped is told so at most once in this many ms. */
const DENIED_NOTICE_INTERVAL_MS = 5000;

/**
 * Frames sent to one socket during one event-loop turn leave in one write.
 * ws writes every frame with a writev of its own (a third of the server's
 * time at 1,000 edits/s in bench/throughput.ts's profile: on loopback each
 * carries the kernel's work of the whole delivery); a socket corked at its
 * first frame of a turn and uncorked when the turn ends (the check phase,
 * after all I/O callbacks of this poll) hands the kernel all of that turn's
 * frames at once. Nothing is reordered or held past the turn, and when the
 * loop is idle a frame waits only for the rest of the callback that sent
 * it. It saves writes when a socket gets several frames in a turn: many
 * people on one map (a room relaying each awareness change), a join, a
 * room's batch after a slow store, an overloaded server; with one frame
 * per turn it changes nothing (figures: docs/ARCHITECTURE.md, One node under load).
 */
const corkedThisTurn = new Set<Duplex>();
let uncorkScheduled = false;

function uncorkAll(): void {
  uncorkScheduled = false;
  const sockets = [...corkedThisTurn];
  corkedThisTurn.clear();
  // uncork() on a socket that ended or was destroyed meanwhile is a no-op.
  for (const socket of sockets) socket.uncork();
}

function corkForThisTurn(socket: Duplex): void {
  if (corkedThisTurn.has(socket)) return;
  socket.cork();
  corkedThisTurn.add(socket);
  if (!uncorkScheduled) {
    uncorkScheduled = true;
    setImmediate(uncorkAll);
  }
}

/**
 * The TCP socket under a ws WebSocket. ws keeps it in `_socket` (not in its
 * typings, stable since ws 1); if a future ws moves it, frames are simply
 * sent one write each, as before.
 */
function socketOf(ws: WebSocket): Duplex | null {
  const socket = (ws as unknown as { _socket?: Partial<Duplex> | null })._socket;
  return socket && typeof socket.cork === 'function' && typeof socket.uncork === 'function' ? (socket as Duplex) : null;
}

/**
 * How a peer's messages reach its socket: in order, batched per event-loop
 * turn (corkForThisTurn), and never past MAX_BUFFERED_BYTES waiting: a
 * client that does not read is terminated (`onOverflow` says so first).
 */
export function createSocketSend(ws: WebSocket, onOverflow: (bufferedBytes: number) => void): (message: Uint8Array) => void {
  const socket = socketOf(ws);
  // One callback for every frame of this socket: a write that fails ends the socket.
  const onWritten = (err?: Error) => {
    if (err) ws.terminate();
  };
  return (message) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      onOverflow(ws.bufferedAmount);
      ws.terminate();
      return;
    }
    if (socket !== null) corkForThisTurn(socket);
    ws.send(message, onWritten);
  };
}

export interface ConnectionOptions {
  role: Role;
  /** who is behind the socket, for presence: its presence key's hash, or a symbol of its own */
  participant: Participant;
  /** which document of the map: null for the map's own, else a subdoc (its comments) or the socket's private document */
  sub: DocName | null;
  /** a socket that has not answered the previous ping is terminated at the next */
  pingIntervalMs: number;
  maxMessagesPerSecond: number;
  maxMessageBurst: number;
  log: Logger;
}

/**
 * Whether a dropped update is worth telling the client about. A client
 * sends its sync step 2 on every connect; for a reader it normally holds
 * nothing the server lacks, and saying "permission denied" to every viewer
 * on every connect would be noise. A step 2 carrying content the server
 * does not have (edits made offline) is a real write, and so is any update.
 */
function isRealWrite(message: Extract<ClientMessage, { type: 'update' }>, doc: Y.Doc): boolean {
  if (!message.step2) return true;
  for (const [client, clock] of Y.parseUpdateMeta(message.update).to) if (clock > Y.getState(doc.store, client)) return true;
  return false;
}

export interface Connection {
  /** Closes the socket; nothing it sends from now on is read. */
  close(code: number, reason: string): void;
}

/** Serves `ws` on the room of one document of `mapId` until it closes. The caller has checked that the map exists and the role. */
export function serveConnection(ws: WebSocket, mapId: string, rooms: RoomRegistry, opts: ConnectionOptions): Connection {
  const { log } = opts;
  const writable = canWrite(opts.role, docKind(opts.sub));
  let deniedNoticeAt = -Infinity;
  const peer: RoomPeer = {
    participant: opts.participant,
    send: createSocketSend(ws, (buffered) => log.warn('client does not read its socket: terminated', { map: mapId, buffered })),
    close(code, reason) {
      ws.close(code, reason);
    },
  };
  const bucket = new TokenBucket(opts.maxMessagesPerSecond, opts.maxMessageBurst);
  let room: Room | null = null;
  const queue: Uint8Array[] = [];
  /** set once we decided to close: later frames are not read */
  let closing = false;
  let closed = false;
  const catchUp = new CatchUp();

  ws.binaryType = 'nodebuffer';
  // Without an `error` listener a socket error (e.g. the 1009 of an oversized frame) would crash the process.
  ws.on('error', (err) => log.warn('socket error', { map: mapId, err }));

  const fail = (code: number, reason: string, err?: unknown) => {
    if (closing) return;
    closing = true;
    log.warn('closing socket', { map: mapId, code, reason, err });
    ws.close(code, reason);
  };
  const close = (code: number, reason: string) => {
    if (closing) return;
    closing = true;
    log.info('closing socket', { map: mapId, code, reason });
    ws.close(code, reason);
  };

  const receive = (bytes: Uint8Array) => {
    if (!room || closing) return;
    let message: ClientMessage;
    try {
      message = decodeClientMessage(bytes);
      if (message.type === 'update' && !writable) {
        // Not applied, so neither relayed nor stored. The client is told
        // (throttled: a busy client would otherwise get one notice per keystroke).
        if (!isRealWrite(message, room.doc)) return;
        log.debug('document update from a read-only socket: dropped', { map: mapId, doc: opts.sub ?? 'map', role: opts.role });
        const now = Date.now();
        if (now - deniedNoticeAt >= DENIED_NOTICE_INTERVAL_MS) {
          deniedNoticeAt = now;
          peer.send(encodePermissionDenied(`${opts.role}s cannot change ${opts.sub === null ? 'this map' : `its ${opts.sub}`}`));
        }
        return;
      }
      if (message.type === 'sync-step1') catchUp.asked();
      let result: HandleResult;
      try {
        result = room.handle(peer, message);
      } catch (err) {
        const missing = err instanceof UpdateRefusedError && err.code === CLOSE.missingDependencies;
        if (missing && message.type === 'update' && catchUp.hold(message)) return;
        throw err;
      }
      // What waited for the client's step 2 is checked again now; still missing something, it is refused.
      if (message.type === 'update' && message.step2) for (const held of catchUp.answered()) room.handle(peer, held);
      if (result === 'no-op' && message.type === 'awareness') bucket.refund(1 - ECHO_COST);
    } catch (err) {
      if (err instanceof UpdateRefusedError) fail(err.code, err.message);
      else fail(CLOSE.malformed, 'malformed message', err);
    }
  };

  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (closing) return;
    if (!bucket.take()) return fail(CLOSE.rateLimit, 'rate limit');
    if (!isBinary) return fail(CLOSE.malformed, 'binary messages only');
    // A copy with its own ArrayBuffer: a view into ws's pooled buffer would let
    // a lying length prefix read past this message into other bytes.
    const bytes = Uint8Array.from(data);
    if (room) return receive(bytes);
    if (queue.length >= MAX_QUEUED_BEFORE_READY) return fail(CLOSE.rateLimit, 'too many messages before sync');
    queue.push(bytes);
  });

  let alive = true;
  ws.on('pong', () => {
    alive = true;
  });
  const ping = setInterval(() => {
    if (!alive) {
      log.info('no pong: socket terminated', { map: mapId });
      return ws.terminate();
    }
    alive = false;
    ws.ping();
  }, opts.pingIntervalMs);
  ping.unref();

  ws.on('close', (code: number, reason: Buffer) => {
    closed = true;
    clearInterval(ping);
    log.debug('socket closed', { map: mapId, code, reason: reason.toString() });
    if (room) rooms.leave(room, peer);
  });

  rooms.get(docId(mapId, opts.sub)).then(
    (r) => {
      if (closed) return rooms.scheduleIdle(r);
      if (r.isDestroyed) return fail(CLOSE.mapDeleted, 'map deleted');
      room = r;
      // The doc is loaded: only now does the client get our sync step 1, and
      // only now are its queued messages (its sync step 1 first) answered.
      rooms.join(r, peer);
      for (const m of queue.splice(0)) receive(m);
    },
    (err: unknown) => {
      if (err instanceof MapNotFoundError) return fail(CLOSE.mapNotFound, 'map not found');
      log.error('room failed to load', { map: mapId, err });
      fail(CLOSE.internal, 'map failed to load');
    },
  );
  return { close };
}
