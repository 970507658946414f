/**
 * HTTP upgrade -> websocket on a room: `ws://HOST:PORT/ws/<mapId>`, which is
 * exactly where the stock `new WebsocketProvider(origin + '/ws', mapId, doc)`
 * connects, and `/ws/<mapId>/comments` for the map's comments doc. A share
 * link's token comes as `?token=…` (the provider's `params` option). A refusal the browser should understand (no such map, no right)
 * accepts the upgrade and then closes with a 44xx code and a reason, because
 * a refused HTTP upgrade reaches a browser only as an anonymous 1006.
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { IdSchema } from '../../src/model/schema';
import { tokenParam, type Access, type Admission } from '../auth';
import type { ClientAddresses } from '../clientAddress';
import type { HostCheck } from '../hosts';
import { ConnectionCounts } from '../limits';
import type { Config } from '../config';
import type { Logger } from '../log';
import { SUBDOCS, privateDoc, type DocName, type PrivateDoc, type SubDoc } from '../store/types';
import { CLOSE } from '../../src/model/closeCodes';
import { serveConnection } from './connection';
import type { Participant } from './presenceClaims';
import type { RoomRegistry } from './rooms';
import type { SharedSockets } from './shared';

export const WS_PREFIX = '/ws/';

/**
 * The room a websocket path names. `<mapId>` is the map's document; a
 * suffix names another document of the same map: `<mapId>/comments` is the
 * comments doc (its own room, so commenters can write comments and nothing
 * else). Unknown suffixes are refused like unknown maps.
 */
export interface RoomAddress {
  mapId: string;
  /** null: the map document itself; 'private': the private document of whoever connects (resolved from the socket, privateDocOf) */
  doc: SubDoc | typeof PRIVATE | null;
}
const PRIVATE = 'private';

export function parseRoomPath(pathname: string): RoomAddress | 'invalid' | null {
  if (!pathname.startsWith(WS_PREFIX)) return null;
  let parts: string[];
  try {
    parts = pathname.slice(WS_PREFIX.length).split('/').map(decodeURIComponent);
  } catch {
    return 'invalid';
  }
  if (parts.length > 2 || !IdSchema.safeParse(parts[0]).success) return 'invalid';
  const doc = parts[1] ?? null;
  if (doc !== null && doc !== PRIVATE && !(SUBDOCS as readonly string[]).includes(doc)) return 'invalid';
  return { mapId: parts[0]!, doc: doc as RoomAddress['doc'] };
}

/**
 * The participant behind a socket, from the `presenceKey` query parameter
 * (a secret the app keeps per browser; see PresenceClaims): its hash, so
 * the key itself is never kept. Without a valid key, a participant of the
 * socket's own.
 */
export function participantOf(query: URLSearchParams): Participant {
  const keys = query.getAll('presenceKey');
  if (keys.length === 1 && PRESENCE_KEY.test(keys[0]!)) return crypto.createHash('sha256').update(keys[0]!).digest('base64url');
  return Symbol('socket');
}
const PRESENCE_KEY = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * The private document a socket is on (workshop rounds): named by a hash of
 * its presence key, a secret only that browser holds, so which document a
 * socket gets is the server's conclusion, never something the client names;
 * salted apart from the presence hash, so the name says nothing about
 * presence. Null without a valid key: nobody gets a private document then.
 */
export function privateDocOf(query: URLSearchParams): PrivateDoc | null {
  const keys = query.getAll('presenceKey');
  if (keys.length !== 1 || !PRESENCE_KEY.test(keys[0]!)) return null;
  return privateDoc(crypto.createHash('sha256').update(`private-doc\n${keys[0]!}`).digest('base64url'));
}

export interface UpgradeDeps {
  wss: WebSocketServer;
  rooms: RoomRegistry;
  access: Access;
  hosts: HostCheck;
  shared: SharedSockets;
  addresses: ClientAddresses;
  clientAddress(req: IncomingMessage): string;
  config: Config;
  log: Logger;
}

export function createUpgradeHandler({ wss, rooms, access, hosts, shared, addresses, clientAddress, config, log }: UpgradeDeps) {
  /** Websockets per forwarded client address, for connections through a trusted proxy (direct ones are capped per TCP connection). */
  const proxied = new ConnectionCounts(config.MAX_CONNECTIONS_PER_ADDRESS);
  const refuse = (req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (err) => log.debug('socket error while refusing', { err }));
      ws.close(code, reason);
    });
  };

  const upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    // The same Host rule as every HTTP request (DNS rebinding).
    if (!hosts.allows(req.headers.host)) {
      socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    let release: (() => void) | null = () => {};
    if (addresses.isProxy(req.socket.remoteAddress)) release = proxied.open(clientAddress(req));
    if (release === null) {
      log.warn('socket refused: too many connections from one address', { remote: clientAddress(req) });
      return refuse(req, socket, head, CLOSE.tryAgainLater, 'too many connections from your address');
    }
    socket.once('close', release);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      url = new URL('http://localhost/');
    }
    const pathname = url.pathname;
    const address = parseRoomPath(pathname);
    if (address === null) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (address === 'invalid') return refuse(req, socket, head, CLOSE.mapNotFound, 'map not found');
    const { mapId, doc } = address;

    let admission: Admission;
    try {
      admission = await access.admit(req, mapId, tokenParam(url.searchParams));
    } catch (err) {
      log.error('map lookup failed', { map: mapId, err });
      return refuse(req, socket, head, CLOSE.internal, 'map failed to load');
    }
    // Connecting never creates a map: only POST /api/maps does.
    if (!admission.ok) {
      log.info('socket refused', { map: mapId, doc: doc ?? 'map', reason: admission.reason });
      return refuse(req, socket, head, admission.status === 404 ? CLOSE.mapNotFound : CLOSE.unauthorized, admission.reason);
    }
    const { role } = admission;
    let sub: DocName | null = doc === PRIVATE ? null : doc;
    if (doc === PRIVATE) {
      // Only editors write in rounds: nobody else has a private document to read.
      const mine = role === 'editor' ? privateDocOf(url.searchParams) : null;
      if (mine === null) {
        log.info('socket refused', {
          map: mapId,
          doc,
          reason: role === 'editor' ? 'no presence key' : `a ${role} has no private document`,
        });
        return refuse(req, socket, head, CLOSE.unauthorized, 'only editors have a private document');
      }
      sub = mine;
    }

    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = serveConnection(ws, mapId, rooms, {
        role,
        participant: participantOf(url.searchParams),
        sub,
        pingIntervalMs: config.PING_INTERVAL_MS,
        maxMessagesPerSecond: config.MAX_MESSAGES_PER_SECOND,
        maxMessageBurst: config.MAX_MESSAGE_BURST,
        log,
      });
      if (admission.via === 'token') {
        // Rotating the map's links closes this socket; a rotation since the token was checked closes it now.
        const release = shared.admit(mapId, admission.linkVersion, connection.close);
        if (release === null) return connection.close(CLOSE.unauthorized, 'link revoked');
        ws.once('close', release);
      }
    });
  };

  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A socket without an error listener crashes the process when the peer resets it.
    socket.on('error', (err) => log.debug('upgrade socket error', { err }));
    upgrade(req, socket, head).catch((err: unknown) => {
      // Not req.url: it carries the share token, a credential.
      log.error('upgrade failed', { err });
      socket.destroy();
    });
  };
}
