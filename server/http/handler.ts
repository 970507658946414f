/**
 * The HTTP side of the server: every route of the API (each module's own
 * table), /health, and the built app behind them, through one router
 * (router.ts) that applies the Host check, CSRF, access and caps.
 */
import type { IncomingMessage } from 'node:http';
import type { Access } from '../auth';
import type { Config } from '../config';
import type { HostCheck } from '../hosts';
import type { MapExporter } from '../export/mapExporter';
import type { MapComparer } from '../compare/mapComparer';
import type { MapImporter } from '../importer';
import { KeyedRateLimit } from '../limits';
import type { Logger } from '../log';
import type { ServerMetrics } from '../metrics';
import type { Store } from '../store/types';
import type { Versions } from '../versions';
import type { RoomRegistry } from '../ws/rooms';
import type { Fanout } from '../fanout/types';
import { exchangeRoutes } from './exchangeRoutes';
import { mapRoutes } from './mapRoutes';
import { HttpError, sendJson } from './respond';
import { createRouter, type Caps, type Route } from './router';
import { timeRoutes } from './timeRoutes';
import { searchRoutes } from './searchRoutes';
import { journeyRoutes } from './journeyRoutes';
import { sessionRoutes } from './sessionRoutes';
import { createStaticFiles } from './static';
import { versionRoutes } from './versionRoutes';
import { roundRoutes } from './roundRoutes';

/** A store that does not answer /health's ping within this long is down for the load balancer. */
const HEALTH_TIMEOUT_MS = 2000;

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });

export interface HttpDeps {
  /** this node's id (in /health, and on every log line) */
  nodeId: string;
  config: Config;
  store: Store;
  rooms: RoomRegistry;
  access: Access;
  hosts: HostCheck;
  fanout: Fanout;
  versions: Versions;
  importer: MapImporter;
  exporter: MapExporter;
  comparer: MapComparer;
  clientAddress(req: IncomingMessage): string;
  metrics: ServerMetrics;
  log: Logger;
}

/** MAX_MAPS_PER_HOUR per client address (all of it at once at most), and MAX_MAPS in all. */
export function createCaps(config: Config, store: Store): Caps {
  const creations = new KeyedRateLimit(config.MAX_MAPS_PER_HOUR / 3600, config.MAX_MAPS_PER_HOUR);
  return {
    async createMap(address) {
      const wait = creations.take(address);
      if (wait > 0) {
        throw new HttpError(429, `too many new maps from your address: at most ${config.MAX_MAPS_PER_HOUR} an hour`, undefined, {
          'retry-after': String(wait),
        });
      }
      if ((await store.countMaps()) >= config.MAX_MAPS) {
        throw new HttpError(507, `this server holds its maximum of ${config.MAX_MAPS} maps (MAX_MAPS): delete maps to make room`);
      }
    },
  };
}

export function createHttpHandler(deps: HttpDeps) {
  const { config, store, rooms, access, hosts, fanout, log } = deps;
  // Whether this node can serve: it reaches its store and (in a cluster) Redis. A load balancer takes a 503 node out.
  const health: Route = {
    method: 'GET',
    path: '/health',
    access: 'public',
    handle: async ({ res }) => {
      const storeError = await withTimeout(store.ping(), HEALTH_TIMEOUT_MS).then(
        () => null,
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
      const fan = fanout.health();
      const ok = storeError === null && fan.ok;
      sendJson(res, ok ? 200 : 503, {
        ok,
        node: deps.nodeId,
        rooms: rooms.size,
        connections: rooms.connections,
        store: storeError ?? 'ok',
        fanout: fan.ok ? 'ok' : (fan.error ?? 'down'),
      });
    },
  };
  // For Prometheus: counts and timings of this node, never which maps.
  const metricsRoute: Route = {
    method: 'GET',
    path: '/metrics',
    access: 'public',
    handle: async ({ res }) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
      res.end(deps.metrics.registry.render());
    },
  };
  const routes: Route[] = [
    health,
    metricsRoute,
    ...sessionRoutes({ access, maxBodyBytes: config.MAX_BODY_BYTES, log }),
    ...mapRoutes({ ...deps, maxBodyBytes: config.MAX_BODY_BYTES }),
    ...versionRoutes({ ...deps, maxBodyBytes: config.MAX_BODY_BYTES }),
    ...roundRoutes({ ...deps, log }),
    ...exchangeRoutes({ ...deps, maxImportBytes: config.MAX_IMPORT_BYTES }),
    ...timeRoutes(),
    ...searchRoutes({ store: deps.store }),
    ...journeyRoutes({ store: deps.store }),
  ];
  return createRouter({
    routes,
    access,
    hosts,
    caps: createCaps(config, store),
    clientAddress: deps.clientAddress,
    log,
    fallback: createStaticFiles(config.STATIC_DIR, log),
  });
}
