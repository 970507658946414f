/**
 * HTTP upgrade -> websocket on a room: `ws://HOST:PORT/ws/<mapId>`, which is
 * exactly where the stock `new WebsocketProvider(origin + '/ws', mapId, doc)`
 * connects. A refusal the browser should understand (no such map, no right)
 * accepts the upgrade and then closes with a 44xx code and a reason, because
 * a refused HTTP upgrade reaches a browser only as an anonymous 1006.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { IdSchema } from '../../src/model/schema';
import { socketRole } from '../auth';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import { CLOSE_INTERNAL, CLOSE_MAP_NOT_FOUND, CLOSE_UNAUTHORIZED, serveConnection } from './connection';
import type { RoomRegistry } from './rooms';

export const WS_PREFIX = '/ws/';

/**
 * The room a websocket path names. `<mapId>` is the map's document; a
 * suffix names another document of the same map: `<mapId>/comments` will be
 * the comments doc (its own room, so commenters can write comments and
 * nothing else). Unknown suffixes are refused like unknown maps.
 */
export interface RoomAddress {
  mapId: string;
  /** null: the map document itself */
  doc: string | null;
}

export function parseRoomPath(pathname: string): RoomAddress | 'invalid' | null {
  if (!pathname.startsWith(WS_PREFIX)) return null;
  let parts: string[];
  try {
    parts = pathname.slice(WS_PREFIX.length).split('/').map(decodeURIComponent);
  } catch {
    return 'invalid';
  }
  if (parts.length > 2 || !IdSchema.safeParse(parts[0]).success) return 'invalid';
  return { mapId: parts[0]!, doc: parts[1] ?? null };
}

export interface UpgradeDeps {
  wss: WebSocketServer;
  store: Store;
  rooms: RoomRegistry;
  config: Config;
  log: Logger;
}

export function createUpgradeHandler({ wss, store, rooms, config, log }: UpgradeDeps) {
  const refuse = (req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (err) => log.debug('socket error while refusing', { err }));
      ws.close(code, reason);
    });
  };

  const upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const address = parseRoomPath(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (address === null) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // Until the comments doc exists, any sub-document is an unknown room.
    if (address === 'invalid' || address.doc !== null) return refuse(req, socket, head, CLOSE_MAP_NOT_FOUND, 'map not found');

    let exists: boolean;
    try {
      exists = (await store.getMap(address.mapId)) !== null;
    } catch (err) {
      log.error('map lookup failed', { map: address.mapId, err });
      return refuse(req, socket, head, CLOSE_INTERNAL, 'map failed to load');
    }
    // Connecting never creates a map: only POST /api/maps does.
    if (!exists) return refuse(req, socket, head, CLOSE_MAP_NOT_FOUND, 'map not found');

    const role = await socketRole(req, address.mapId);
    if (role === null) return refuse(req, socket, head, CLOSE_UNAUTHORIZED, 'unauthorized');

    wss.handleUpgrade(req, socket, head, (ws) => {
      serveConnection(ws, address.mapId, rooms, {
        role,
        pingIntervalMs: config.PING_INTERVAL_MS,
        maxMessagesPerSecond: config.MAX_MESSAGES_PER_SECOND,
        maxMessageBurst: config.MAX_MESSAGE_BURST,
        log,
      });
    });
  };

  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A socket without an error listener crashes the process when the peer resets it.
    socket.on('error', (err) => log.debug('upgrade socket error', { err }));
    upgrade(req, socket, head).catch((err: unknown) => {
      log.error('upgrade failed', { url: req.url, err });
      socket.destroy();
    });
  };
}
