/**
 * Faults in a cluster, with everything real: three node processes (the
 * entry point, STORE=postgres), a Redis of the test's own, a round-robin
 * TCP proxy in front of the nodes, and 30 stock y-websocket clients writing
 * on 10 maps for about 20 s. Meanwhile one node is killed (kill -9), then
 * another at a moment it is compacting, then Redis is killed and started
 * again, empty. Afterwards every client of a map holds the same document
 * with every edit anyone made; a fresh node, started after the others are
 * stopped and Redis is emptied, reads all of it from PostgreSQL alone; and
 * PostgreSQL holds one snapshot per document and a log shorter than the
 * compaction threshold.
 *
 * How the test knows the second node died while compacting: it holds the
 * row lock of map 0's snapshot (SELECT … FOR UPDATE in an open transaction)
 * until a node's compaction of map 0 waits on it. Compaction is one
 * transaction that takes the document's advisory lock, reads the snapshot
 * and the log, upserts the snapshot and deletes the rows it read; the upsert
 * is what waits. So that node is seen in pg_stat_activity, blocked by the
 * test's backend while holding the compaction's advisory lock, with the
 * upsert as its statement: it is killed right then, and the lock released.
 * Each node sets PGAPPNAME, so the blocked backend names its node.
 *
 * The two tests before it pin down, one step at a time, the two ways the
 * big one was seen to lose edits.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, collection, listEntities } from '../../../src/model';
import { serverHarness } from '../../fixtures/harness';
import { startProxy, type RoundRobinProxy } from '../../fixtures/proxy';
import { connect, connectSynced, createMap, freePort, kill9, tempDir, waitFor, type Client } from '../../fixtures/server';
import { clusterServices, needServices, privateRedis, type ClusterServices } from '../../fixtures/services';

const h = serverHarness();
// Each WebsocketProvider adds a process 'exit' listener; this file opens more than 10 at once on purpose.
process.setMaxListeners(Math.max(process.getMaxListeners(), 100));

const NODES = 3;
const MAPS = 10;
const WRITERS_PER_MAP = 3;
/** low, so that compaction happens every few seconds on every map */
const COMPACT_AFTER_UPDATES = 40;
/** how long the writers write at least (longer if the faults take longer) */
const WRITE_MS = 20_000;
/** a writer's edits are this far apart (give or take its own offset) */
const WRITE_EVERY_MS = 200;
/** the advisory lock key space of the PostgreSQL store's locks (server/store/postgres.ts, LOCK_SPACE "JB") */
const LOCK_SPACE = 0x4a42;

interface Node {
  /** 0-based slot: its port and its place in the proxy */
  slot: number;
  /** this incarnation's name: its NODE_ID and, with the test's schema, its PGAPPNAME */
  name: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

interface Writer {
  index: number;
  map: number;
  client: Client;
  laneId: string;
  stageId: string;
  /** the text of every card this writer added, in order */
  written: string[];
  /** when it added each of them (ms since writing started) */
  times: number[];
  /** every close of its socket: when, and the code (null: closed by the client itself) */
  closes: { at: number; code: number | null }[];
  /** set if the provider stopped reconnecting (a 44xx close) */
  gaveUp: { code: number; reason: string } | null;
  timer: NodeJS.Timeout | null;
}

/** Texts of a doc's cards, sorted (read straight from the Y.Map: cheap enough to poll). */
const cardTexts = (doc: Y.Doc): string[] => {
  const out: string[] = [];
  collection(doc, 'cards').forEach((entry) => out.push(String(entry.get('text'))));
  return out.sort();
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type PrivateRedis = Awaited<ReturnType<typeof privateRedis>>;

/**
 * Whether this test may run a Redis of its own: failed in CI, skipped
 * elsewhere when `redis-server` is not installed (.ci/run starts the
 * machine's Redis with it, so CI has it).
 */
function needRedisServer(ctx: { skip(note?: string): void }): void {
  const run = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (run.status === 0) return;
  const why = `redis-server cannot be run (${run.error?.message ?? `exit ${run.status}`})`;
  if (process.env.CI) throw new Error(`${why}. CI must run the cluster fault tests.`);
  ctx.skip(`${why} (not in CI: skipped)`);
}

/**
 * What a test opened beyond the harness, torn down in order after it:
 * clients, node processes, then the proxies, Redis and database clients,
 * then the schema and keys. (This afterEach runs before the harness's.)
 */
const opened: {
  clients: Client[];
  writers: Writer[];
  nodes: Node[];
  redis: PrivateRedis | null;
  proxies: RoundRobinProxy[];
  pg: pg.Client[];
  services: ClusterServices | null;
} = { clients: [], writers: [], nodes: [], redis: null, proxies: [], pg: [], services: null };

afterEach(async () => {
  for (const w of opened.writers.splice(0)) if (w.timer) clearTimeout(w.timer);
  for (const c of opened.clients.splice(0)) c.close();
  for (const n of opened.nodes.splice(0)) await kill9(n.child);
  for (const p of opened.proxies.splice(0)) await p.close();
  await opened.redis?.stop();
  opened.redis = null;
  for (const c of opened.pg.splice(0)) await c.end().catch(() => {});
  await opened.services?.cleanup();
  opened.services = null;
});

describe('a cluster under faults', () => {
  /**
   * The failover of one client, step by step. Its node goes away (seen from
   * the client: its socket through the proxy is cut) while the client holds
   * an edit no node has: one made while it had no connection (as the app
   * allows), or one sent into the dying socket. The stock provider
   * reconnects through the proxy to the other node, which has not loaded the
   * map yet; on open it sends its sync step 1, and from then on every edit at
   * once. The edit the node lacks only goes in the client's sync step 2,
   * which it sends when the server's step 1 arrives, and the server sends
   * that once the map is loaded. So an edit made while the node loads the
   * map builds on one the node has not received yet. The load is held back
   * here (a lock on the snapshot table) to make that moment certain; in the
   * fault test below, it is a node's ordinary load or a busy event loop.
   */
  it('a client that fails over with an edit the new node lacks, and edits while that node loads the map, is not refused', async (ctx) => {
    const { nodes, services } = await h.cluster(ctx, 2);
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const proxy = await startProxy([one.port, two.port]);
    opened.proxies.push(proxy);
    const id = await createMap(one.url, { template: 'blank' });
    const cell = (doc: Y.Doc) => ({ laneId: listEntities(doc, 'lanes')[0]!.id, stageId: listEntities(doc, 'stages')[0]!.id });
    const a = h.track(connect(proxy.url, id)); // the proxy's first connection: node 1
    await waitFor(() => a.provider.synced, 'a synced on node 1');
    const closes: number[] = [];
    let gaveUp: { code: number; reason: string } | null = null;
    a.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    a.provider.on('closed', (event) => (gaveUp = event));
    addCard(a.doc, { ...cell(a.doc), text: 'before the failover' });
    const onNodeOne = await h.client(one, id);
    await waitFor(() => cardTexts(onNodeOne.doc).includes('before the failover'), 'the first edit stored by node 1');

    // Node 1 goes away for this client, which edits while it has no connection.
    proxy.setAlive(0, false);
    proxy.cut(0);
    await waitFor(() => !a.provider.wsconnected, 'a disconnected');
    addCard(a.doc, { ...cell(a.doc), text: 'made while its node was gone' });
    // Node 2 loads the map slowly (a large map, a busy database): the test holds its read of the snapshot back.
    const locker = new pg.Client({ connectionString: services.DATABASE_URL });
    opened.pg.push(locker);
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE doc_snapshots IN ACCESS EXCLUSIVE MODE');
    await waitFor(() => a.provider.wsconnected, 'a connected to node 2');
    addCard(a.doc, { ...cell(a.doc), text: 'made while node 2 loads the map' });
    await locker.query('COMMIT');

    const check = await h.client(two, id);
    const all = ['before the failover', 'made while its node was gone', 'made while node 2 loads the map'];
    await waitFor(() => gaveUp !== null || all.every((t) => cardTexts(check.doc).includes(t)), 'every edit on node 2, or a given up');
    expect(gaveUp, 'a’s provider stopped reconnecting after this close').toBeNull();
    expect(closes, 'close codes of a’s sockets').not.toContain(4422);
    expect(cardTexts(check.doc)).toEqual([...all].sort());
  });

  /**
   * One node's link to Redis breaks for a moment (a network blip; Redis and
   * the other node are fine). Meanwhile its clients' edits are stored but
   * cannot be published. When the link is back, that node re-reads the
   * store, but the other node never lost Redis, so nothing tells it to: the
   * edits stored during the blip must still reach its clients, and so must
   * the edits made after it (each builds on the ones before).
   */
  it('edits a node stored while its link to Redis was down reach the other node’s clients', async (ctx) => {
    await needServices(ctx, 'postgres', 'redis');
    needRedisServer(ctx);
    const redis = await privateRedis(await freePort());
    opened.redis = redis;
    const redisPort = Number(new URL(redis.url).port);
    const linkOne = await startProxy([redisPort]);
    const linkTwo = await startProxy([redisPort]);
    opened.proxies.push(linkOne, linkTwo);
    const { add } = await h.cluster(ctx, 0);
    const one = await add({ REDIS_URL: `redis://127.0.0.1:${linkOne.port}` });
    const two = await add({ REDIS_URL: `redis://127.0.0.1:${linkTwo.port}` });
    const id = await createMap(one.url, { template: 'blank' });
    const a = await h.client(one, id);
    const b = await h.client(two, id);
    const cell = { laneId: listEntities(a.doc, 'lanes')[0]!.id, stageId: listEntities(a.doc, 'stages')[0]!.id };
    addCard(b.doc, { ...cell, text: 'before the blip' });
    await waitFor(() => cardTexts(a.doc).includes('before the blip'), 'node 2 → node 1 before the blip');

    linkTwo.setAlive(0, false);
    linkTwo.cut(0);
    await waitFor(async () => (await fetch(`${two.url}/health`)).status === 503, 'node 2 without Redis');
    addCard(b.doc, { ...cell, text: 'during the blip' });
    const b2 = await h.client(two, id);
    await waitFor(() => cardTexts(b2.doc).includes('during the blip'), 'the edit stored by node 2');
    linkTwo.setAlive(0, true);
    await waitFor(async () => (await fetch(`${two.url}/health`)).ok, 'node 2 with Redis again', 15_000);
    addCard(b.doc, { ...cell, text: 'after the blip' });

    const all = ['after the blip', 'before the blip', 'during the blip'];
    try {
      await waitFor(() => all.every((t) => cardTexts(a.doc).includes(t)), 'every edit on node 1', 10_000);
    } catch (err) {
      throw new Error(`${(err as Error).message}: node 1's client has ${JSON.stringify(cardTexts(a.doc))}`, { cause: err });
    }
    expect(cardTexts(a.doc)).toEqual(all);
  });

  it(
    'kill -9 of a node (once while compacting) and a Redis restart while 30 clients write: nothing is lost',
    { timeout: 180_000 },
    async (ctx) => {
      await needServices(ctx, 'postgres', 'redis');
      needRedisServer(ctx);
      const started = Date.now();
      const services = await clusterServices();
      opened.services = services;
      const redis = await privateRedis(await freePort());
      opened.redis = redis;
      const appName = (nodeName: string) => `${services.schema}-${nodeName}`;

      // --- the nodes and the proxy in front of them
      const ports = await Promise.all(Array.from({ length: NODES }, () => freePort()));
      const incarnations = new Map<number, number>();
      const startNode = async (slot: number): Promise<Node> => {
        const incarnation = (incarnations.get(slot) ?? 0) + 1;
        incarnations.set(slot, incarnation);
        const name = `n${slot + 1}-${incarnation}`;
        const port = ports[slot]!;
        const run = h.spawnEntry({
          PORT: String(port),
          DATA_DIR: tempDir(),
          STATIC_DIR: tempDir(),
          STORE: 'postgres',
          DATABASE_URL: services.DATABASE_URL,
          REDIS_URL: redis.url,
          REDIS_PREFIX: services.REDIS_PREFIX,
          COMPACT_AFTER_UPDATES: String(COMPACT_AFTER_UPDATES),
          LOG_LEVEL: 'warn',
          NODE_ID: name,
          PGAPPNAME: appName(name),
        });
        const node: Node = { slot, name, port, ...run };
        opened.nodes.push(node);
        await waitFor(
          async () => {
            if (run.child.exitCode !== null) throw new Error(`node ${name} exited with ${run.child.exitCode}:\n${run.output()}`);
            return fetch(`http://127.0.0.1:${port}/health`).then(
              (r) => r.ok,
              () => false,
            );
          },
          `node ${name} healthy`,
          30_000,
        );
        return node;
      };
      const live: (Node | null)[] = await Promise.all(Array.from({ length: NODES }, (_, slot) => startNode(slot)));
      const proxy = await startProxy(ports);
      opened.proxies.push(proxy);

      // --- ten maps, three writers on each, all through the proxy (so writer i is on node i mod 3 to begin with)
      const mapIds: string[] = [];
      for (let m = 0; m < MAPS; m++) mapIds.push(await createMap(`http://127.0.0.1:${ports[m % NODES]}`, { template: 'blank' }));
      const writers: Writer[] = [];
      for (let i = 0; i < MAPS * WRITERS_PER_MAP; i++) {
        const map = Math.floor(i / WRITERS_PER_MAP);
        const client = connect(proxy.url, mapIds[map]!);
        opened.clients.push(client);
        const writer: Writer = {
          index: i,
          map,
          client,
          laneId: '',
          stageId: '',
          written: [],
          times: [],
          closes: [],
          gaveUp: null,
          timer: null,
        };
        client.provider.on('connection-close', (event) => writer.closes.push({ at: Date.now(), code: event?.code ?? null }));
        client.provider.on('closed', (event) => (writer.gaveUp = event));
        writers.push(writer);
        opened.writers.push(writer);
      }
      await waitFor(() => writers.every((w) => w.client.provider.synced), 'every writer synced', 30_000);
      for (const w of writers) {
        // Each writer adds cards to a cell of its own (the blank map has a few stages).
        const stages = listEntities(w.client.doc, 'stages');
        w.laneId = listEntities(w.client.doc, 'lanes')[0]!.id;
        w.stageId = stages[(w.index % WRITERS_PER_MAP) % stages.length]!.id;
      }

      /** Every writer synced on a live connection; fails at once if a provider gave up (a 44xx close: it never reconnects). */
      const allSynced = () => {
        const gaveUp = writers.filter((w) => w.gaveUp !== null);
        if (gaveUp.length > 0) {
          throw new Error(
            `writers whose provider stopped reconnecting: ${gaveUp.map((w) => `w${w.index} (${w.gaveUp!.code} ${w.gaveUp!.reason})`).join(', ')}`,
          );
        }
        return writers.every((w) => w.client.provider.wsconnected && w.client.provider.synced);
      };

      // --- writing: each writer adds a card every ~200 ms, whether or not it is connected (as the app lets people do)
      const writeStart = Date.now();
      let writing = true;
      for (const w of writers) {
        const period = WRITE_EVERY_MS + (w.index % 7) * 10;
        const tick = () => {
          if (!writing) return;
          const text = `w${w.index}-${w.written.length}`;
          addCard(w.client.doc, { laneId: w.laneId, stageId: w.stageId, text });
          w.written.push(text);
          w.times.push(Date.now() - writeStart);
          w.timer = setTimeout(tick, period);
        };
        w.timer = setTimeout(tick, (w.index * 13) % WRITE_EVERY_MS);
      }
      const at = (ms: number) => sleep(Math.max(0, writeStart + ms - Date.now()));
      const figures: Record<string, unknown> = {};
      /** when each fault happened (ms since writing started), for the failure messages */
      const timeline: Record<string, number> = {};

      /**
       * kill -9 of the node in `slot` (marked dead in the proxy first, so its
       * clients reconnect to the others), then the time until every client
       * that lost its socket is synced again.
       */
      const killAndRecover = async (slot: number, kill: () => Promise<void>) => {
        const node = live[slot]!;
        const onIt = proxy.openTo(slot);
        proxy.setAlive(slot, false);
        const killedAt = Date.now();
        timeline[`kill -9 ${node.name}`] = killedAt - writeStart;
        await kill();
        live[slot] = null;
        const closedSince = () => writers.filter((w) => w.closes.some((c) => c.at >= killedAt));
        await waitFor(() => closedSince().length >= onIt, `the ${onIt} clients of ${node.name} see their socket close`, 15_000);
        await waitFor(allSynced, `every client synced again after kill -9 of ${node.name}`, 30_000);
        return { node: node.name, clients: closedSince().length, recoveryMs: Date.now() - killedAt };
      };

      const restart = async (slot: number) => {
        live[slot] = await startNode(slot);
        proxy.setAlive(slot, true);
      };

      // --- fault 1: kill -9 of node 2 at an arbitrary moment
      await at(3_000);
      figures.kill1 = await killAndRecover(1, () => kill9(live[1]!.child));
      await restart(1);

      // --- fault 2: kill -9 of a node while it is compacting map 0
      await at(8_000);
      const locker = new pg.Client({ connectionString: services.DATABASE_URL });
      const observer = new pg.Client({ connectionString: services.DATABASE_URL });
      opened.pg.push(locker, observer);
      await Promise.all([locker.connect(), observer.connect()]);
      const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM doc_snapshots WHERE doc_id = $1 FOR UPDATE', [mapIds[0]]);
      let compacting: { pid: number; app: string; query: string } | undefined;
      await waitFor(
        async () => {
          const { rows } = await observer.query<{ pid: number; app: string; query: string }>(
            `SELECT a.pid, a.application_name AS app, a.query FROM pg_stat_activity a
            WHERE $1 = ANY(pg_blocking_pids(a.pid)) AND a.application_name LIKE $2
              AND EXISTS (SELECT 1 FROM pg_locks l
                           WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.classid = $3 AND l.objsubid = 2 AND l.granted)`,
            [lockerPid, `${services.schema}-%`, LOCK_SPACE],
          );
          compacting = rows[0];
          return compacting !== undefined;
        },
        'a node compacting map 0 (its snapshot upsert waiting on the test’s row lock)',
        20_000,
      );
      expect(compacting!.query).toMatch(/INSERT INTO doc_snapshots/);
      const compactingSlot = live.findIndex((n) => n !== null && appName(n.name) === compacting!.app);
      expect(compactingSlot).toBeGreaterThanOrEqual(0);
      figures.kill2 = await killAndRecover(compactingSlot, async () => {
        await kill9(live[compactingSlot]!.child);
        // The killed node's transaction can now go on, finds its client gone and rolls back: nothing of it is kept.
        await locker.query('ROLLBACK');
        await waitFor(
          async () => (await observer.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [compacting!.pid])).rowCount === 0,
          'the killed node’s compaction rolled back',
          15_000,
        );
      });
      await restart(compactingSlot);

      // --- fault 3: Redis killed and started again, empty
      await at(13_000);
      const redisDownAt = Date.now();
      timeline['Redis restart'] = redisDownAt - writeStart;
      const upTo = writers.map((w) => w.written.length);
      await redis.stop();
      await sleep(300);
      await redis.start();
      // Cross-node traffic is back once every client has what its co-writers (on other nodes) wrote before the restart.
      await waitFor(
        () =>
          writers.every((w) => {
            const texts = new Set(cardTexts(w.client.doc));
            return writers.filter((o) => o.map === w.map).every((o) => o.written.slice(0, upTo[o.index]).every((t) => texts.has(t)));
          }),
        'edits cross nodes again after the Redis restart',
        30_000,
      );
      figures.redisRestart = { catchUpMs: Date.now() - redisDownAt };

      // --- writing stops; every client is synced again and every replica of a map converges, with every edit
      await at(Math.max(WRITE_MS, Date.now() - writeStart + 2_000));
      writing = false;
      for (const w of writers) if (w.timer) clearTimeout(w.timer);
      const writeMs = Date.now() - writeStart;
      await waitFor(allSynced, 'every client synced after writing stopped', 30_000);
      const expected = mapIds.map((_, m) =>
        writers
          .filter((w) => w.map === m)
          .flatMap((w) => w.written)
          .sort(),
      );
      const missingOn = (w: Writer) => {
        const texts = new Set(cardTexts(w.client.doc));
        return expected[w.map]!.filter((t) => !texts.has(t));
      };
      /** What `w`'s replica lacks, by author: which of their edits, and when they were made. */
      const describeMissing = (w: Writer): string => {
        const lacking = new Set(missingOn(w));
        return writers
          .filter((o) => o.map === w.map)
          .flatMap((o) => {
            const idx = o.written.flatMap((t, n) => (lacking.has(t) ? [n] : []));
            if (idx.length === 0) return [];
            const first = idx[0]!;
            const last = idx[idx.length - 1]!;
            return [`${idx.length} of w${o.index}'s (#${first}–#${last}, made at ${o.times[first]}–${o.times[last]} ms)`];
          })
          .join(', ');
      };
      try {
        await waitFor(() => writers.every((w) => missingOn(w).length === 0), 'every client holds every edit of its map', 30_000);
      } catch (err) {
        const missing = writers
          .filter((w) => missingOn(w).length > 0)
          .map((w) => `w${w.index} lacks ${describeMissing(w)}`)
          .join('; ');
        throw new Error(`${(err as Error).message}: ${missing}; faults at ${JSON.stringify(timeline)}`, { cause: err });
      }
      for (const w of writers) {
        expect(cardTexts(w.client.doc), `replica of w${w.index}`).toEqual(expected[w.map]);
        const sameMap = writers.filter((o) => o.map === w.map);
        expect(Y.encodeStateVector(w.client.doc)).toEqual(Y.encodeStateVector(sameMap[0]!.client.doc));
      }
      const edits = expected.reduce((n, e) => n + e.length, 0);

      // --- every node stops (SIGTERM: it stores and compacts what it has), Redis is emptied, a fresh node reads PostgreSQL alone
      for (const c of opened.clients.splice(0)) c.close();
      const stopped = live.filter((n): n is Node => n !== null);
      for (const n of stopped) n.child.kill('SIGTERM');
      const codes = await Promise.all(stopped.map((n) => n.exited));
      expect(codes, stopped.map((n) => `${n.name}:\n${n.output()}`).join('\n')).toEqual(stopped.map(() => 0));
      await redis.stop();
      await redis.start();
      const fresh = await startNode(0);
      const readBack: Client[] = [];
      for (const id of mapIds) {
        const c = await connectSynced(`http://127.0.0.1:${fresh.port}`, id);
        opened.clients.push(c);
        readBack.push(c);
      }
      const lost = readBack.map((c, m) => {
        const texts = new Set(cardTexts(c.doc));
        return expected[m]!.filter((t) => !texts.has(t));
      });
      expect(lost.flat(), 'edits the fresh node does not have').toEqual([]);
      for (const [m, c] of readBack.entries()) expect(cardTexts(c.doc)).toEqual(expected[m]);
      for (const c of opened.clients.splice(0)) c.close();
      fresh.child.kill('SIGTERM');
      expect(await fresh.exited, fresh.output()).toBe(0);

      // --- PostgreSQL: one snapshot per document, and a log shorter than the compaction threshold
      const snapshots = await observer.query<{ doc_id: string; n: string }>(
        'SELECT doc_id, count(*) AS n FROM doc_snapshots GROUP BY doc_id',
      );
      const logs = await observer.query<{ doc_id: string; n: string }>('SELECT doc_id, count(*) AS n FROM doc_updates GROUP BY doc_id');
      const snapshotsOf = new Map(snapshots.rows.map((r) => [r.doc_id, Number(r.n)]));
      const logOf = new Map(logs.rows.map((r) => [r.doc_id, Number(r.n)]));
      for (const id of mapIds) {
        expect(snapshotsOf.get(id), `snapshots of ${id}`).toBe(1);
        expect(logOf.get(id) ?? 0, `log rows of ${id}`).toBeLessThan(COMPACT_AFTER_UPDATES);
      }
      for (const doc of logOf.keys()) expect(snapshotsOf.get(doc), `snapshot of ${doc}, which has a log`).toBe(1);

      figures.edits = edits;
      figures.lost = lost.flat().length;
      figures.writeMs = writeMs;
      figures.logRowsLeft = Object.fromEntries(mapIds.map((id) => [id, logOf.get(id) ?? 0]));
      figures.totalMs = Date.now() - started;
      console.log(`cluster faults: ${JSON.stringify(figures)}`);
    },
  );
});
