/** Wires configuration, storage, rooms, HTTP and websockets on one port. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { IdSchema } from '../src/model/schema';
import type { Config } from './config';
import { createHttpHandler } from './http';
import { createLogger, type Logger } from './log';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { CLOSE_MAP_NOT_FOUND, CLOSE_SHUTDOWN, serveConnection } from './ws/connection';
import { RoomRegistry } from './ws/rooms';

export interface JourneyboardServer {
  url: string;
  port: number;
  store: Store;
  rooms: RoomRegistry;
  close(): Promise<void>;
}

export async function createJourneyboardServer(config: Config, log: Logger = createLogger(config.LOG_LEVEL)): Promise<JourneyboardServer> {
  const store = openSqliteStore(config.DATA_DIR);
  const rooms = new RoomRegistry(store, { idleMs: config.ROOM_IDLE_MS, compactAfterUpdates: config.COMPACT_AFTER_UPDATES, log });
  const handler = createHttpHandler({ config, store, rooms, log });
  const server = http.createServer((req, res) => void handler(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (err) => log.warn('upgrade socket error', { err }));
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = /^\/ws\/([^/]+)$/.exec(pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const id = IdSchema.safeParse(decodeURIComponent(match[1]!));
    const exists = id.success ? store.getMap(id.data) : Promise.resolve(null);
    void exists
      .catch(() => null)
      .then((record) => {
        wss.handleUpgrade(req, socket, head, (ws) => {
          ws.on('error', (err) => log.warn('socket error', { err }));
          // Connecting never creates a map: only the API does.
          if (!record) return ws.close(CLOSE_MAP_NOT_FOUND, 'map not found');
          serveConnection(ws, record.id, rooms, { maxMessagesPerSecond: config.MAX_MESSAGES_PER_SECOND, log });
        });
      });
  });
  server.on('clientError', (err, socket) => {
    log.debug('client error', { err });
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    rooms,
    close() {
      closing ??= (async () => {
        await rooms.closeAll(CLOSE_SHUTDOWN, 'server shutting down');
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await store.close();
      })();
      return closing;
    },
  };
}
