/**
 * Wires configuration, storage, rooms, HTTP and websockets on one port.
 * Used by index.ts and by the tests (PORT=0 picks a free port).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { Access } from './auth';
import { ClientAddresses } from './clientAddress';
import { controlHandler } from './controlEvents';
import type { Config } from './config';
import { ensureDataDir } from './dataDir';
import { HostCheck } from './hosts';
import { createHttpHandler } from './http/handler';
import { indexUnsearchableMaps } from './cardIndex';
import { MapExporter } from './export/mapExporter';
import { MapComparer } from './compare/mapComparer';
import { MapImporter, importMemoryMb } from './importer';
import { ConnectionCounts } from './limits';
import { createLogger, type Logger } from './log';
import { serverMetrics } from './metrics';
import { clusterSecret, loadSecret } from './secret';
import { nodeIdOf, openFanout } from './fanout/open';
import type { Fanout } from './fanout/types';
import { openStore } from './store/open';
import type { Store } from './store/types';
import { CLOSE } from '../src/model/closeCodes';
import { RoomRegistry } from './ws/rooms';
import { SharedSockets } from './ws/shared';
import { Versions } from './versions';
import { createUpgradeHandler } from './ws/upgrade';

export interface JourneyboardServer {
  /** this node's id (logs, /health, Redis) */
  nodeId: string;
  /** where this server answers, e.g. http://localhost:8080 (PUBLIC_URL is not applied here) */
  url: string;
  port: number;
  /** exposed for tests, benchmarks and operations tooling */
  store: Store;
  rooms: RoomRegistry;
  /** who gets in: share tokens, the workspace session */
  access: Access;
  /** the Host names this server answers to */
  hosts: HostCheck;
  /** Flushes and compacts every open map, closes every socket (1001), stops listening, closes the store. Idempotent. */
  close(): Promise<void>;
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

/** A store without a shared secret cannot serve a cluster: JOURNEYBOARD_SECRET is needed then. */
const missingSecretStore = {
  sharedSecret: () => Promise.reject(new Error('this store cannot share a secret between nodes: set JOURNEYBOARD_SECRET')),
};

/** A client that has not sent its request's headers by then is cut off (slow upgrades and requests hold a connection each). */
const HEADERS_TIMEOUT_MS = 10_000;
/** ...and one that has not sent its whole request (a 10 MiB import over a slow link included) by then. */
const REQUEST_TIMEOUT_MS = 120_000;
/**
 * How long an idle keep-alive connection stays open. Node's 5 s races with
 * clients that reuse a connection just before then: a request that reaches
 * a busy server as its idle timer fires is met with a reset ("socket hang
 * up"). Longer than the 60 s idle timeout of common load balancers (nginx,
 * AWS ALB), so they close first, as their guides ask of upstream servers.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export async function createJourneyboardServer(
  config: Config,
  baseLog: Logger = createLogger(config.LOG_LEVEL),
): Promise<JourneyboardServer> {
  const nodeId = nodeIdOf(config);
  // Every line says which node wrote it (in a cluster, which of several).
  const log = baseLog.child({ node: nodeId });
  const metrics = serverMetrics(nodeId);
  let secret: Buffer;
  let store: Store;
  if (config.STORE === 'sqlite') {
    ensureDataDir(config.DATA_DIR, log);
    // First: a secret file that cannot be read or created stops the start before anything opens.
    secret = loadSecret(config, log);
    store = await openStore(config, log);
  } else {
    store = await openStore(config, log);
    secret = await clusterSecret(config, store.sharedSecret ? { sharedSecret: store.sharedSecret } : missingSecretStore).catch(
      async (err: unknown) => {
        await store.close();
        throw err;
      },
    );
  }
  const hosts = new HostCheck({ publicUrl: config.PUBLIC_URL, allowedHosts: config.ALLOWED_HOSTS });
  const access = new Access(config, store, secret, hosts);
  const addresses = new ClientAddresses(config.TRUST_PROXY);
  const importer = new MapImporter({ maxMemoryMb: importMemoryMb(config.MAX_IMPORT_BYTES) });
  const exporter = new MapExporter();
  const comparer = new MapComparer();
  const shared = new SharedSockets();
  const versions = new Versions(
    store,
    {
      maxNamed: config.MAX_VERSIONS_PER_MAP,
      intervalMs: config.AUTO_VERSION_INTERVAL_MS,
      autoKept: config.AUTO_VERSIONS_KEPT,
      maxStorageBytes: config.MAX_MAP_STORAGE_BYTES,
    },
    log,
  );
  let fanout: Fanout;
  try {
    fanout = await openFanout(config, nodeId, log, metrics);
  } catch (err) {
    await importer.close();
    await exporter.close();
    await comparer.close();
    await store.close();
    throw err;
  }
  const rooms = new RoomRegistry(store, {
    idleMs: config.ROOM_IDLE_MS,
    compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
    log,
    fanout,
    versions,
    metrics,
  });
  metrics.registry.gauge('journeyboard_rooms', 'Documents in memory on this node', () => rooms.size);
  metrics.registry.gauge('journeyboard_sockets', 'Open websockets on this node', () => rooms.connections);
  metrics.registry.gauge('journeyboard_fanout_up', 'Whether this node reaches Redis (1 in one process: no Redis needed)', () =>
    fanout.health().ok ? 1 : 0,
  );
  // Rotated links and deleted maps, from any node (this one included): close the sockets concerned here.
  fanout.onControl(controlHandler({ store, rooms, shared, log }));
  const clientAddress = (req: http.IncomingMessage) => addresses.of(req);
  const handler = createHttpHandler({
    nodeId,
    config,
    store,
    rooms,
    access,
    hosts,
    fanout,
    versions,
    importer,
    exporter,
    comparer,
    clientAddress,
    metrics,
    log,
  });
  const server = http.createServer(
    // Node checks the two timeouts every connectionsCheckingInterval (30 s by default): check every second.
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1000 },
    (req, res) => void handler(req, res),
  );
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Connections per client address, counted as they open: a client directly
  // connected is cut off past the cap before it sends a byte. Behind a
  // trusted proxy every connection is the proxy's; the websockets are then
  // counted per forwarded client address (upgrade.ts).
  const connections = new ConnectionCounts(config.MAX_CONNECTIONS_PER_ADDRESS);
  server.on('connection', (socket) => {
    if (addresses.isProxy(socket.remoteAddress)) return;
    const address = socket.remoteAddress ?? 'unknown';
    const release = connections.open(address);
    if (release === null) {
      log.warn('connection refused: too many from one address', { remote: address, max: config.MAX_CONNECTIONS_PER_ADDRESS });
      socket.on('error', () => {});
      socket.end(
        'HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 37\r\n\r\ntoo many connections from one address',
      );
      return;
    }
    socket.once('close', release);
  });
  // maxPayload: ws refuses a bigger frame itself, closing that socket with 1009.
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.MAX_MESSAGE_BYTES });
  server.on('upgrade', createUpgradeHandler({ wss, rooms, access, hosts, shared, clientAddress, addresses, config, log }));
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    log.debug('bad HTTP request', { err });
    // Say why when the client can still hear it (a slow request: 408), then hang up.
    if (!socket.writable) return void socket.destroy();
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await importer.close();
    await exporter.close();
    await comparer.close();
    await fanout.close();
    await store.close();
    throw err;
  }
  server.on('error', (err) => log.error('http server error', { err }));
  const port = (server.address() as AddressInfo).port;
  const host =
    config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;

  let closing: Promise<void> | null = null;
  // Maps saved last before card search existed become searchable in the background.
  void indexUnsearchableMaps(store, log, () => closing !== null).catch((err: unknown) => log.warn('maps not indexed for search', { err }));
  return {
    nodeId,
    url: `http://${host}:${port}`,
    port,
    store,
    rooms,
    access,
    hosts,
    close() {
      closing ??= (async () => {
        // Stop taking new connections first, then store everything, then say goodbye.
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        wss.close();
        await rooms.closeAll(CLOSE.shutdown, 'server shutting down');
        // Give the close frames a moment to complete their handshake (clients
        // then see 1001, not a dropped connection), then cut what is left.
        await waitUntil(() => wss.clients.size === 0, 1000);
        for (const ws of wss.clients) ws.terminate();
        server.closeAllConnections();
        await stopped;
        await importer.close();
        await exporter.close();
        await comparer.close();
        await fanout.close();
        await store.close();
      })();
      return closing;
    },
  };
}
