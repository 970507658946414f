/**
 * Servers under test for the load figures, each in a child process of its
 * own (so its CPU can be read from /proc and nothing else runs in it):
 *
 * - `journeyboard`: this working tree's `server/index.ts`, as `npm start`
 *   runs it (tsx), with a temporary DATA_DIR and the per-address caps
 *   raised so that thousands of sockets from one load generator are served;
 * - `reference`: the stock `@y/websocket-server` (devDependency, pinned at
 *   0.1.1): docs in memory, no checks, no store;
 * - `git:<rev>`: Journeyboard as committed at `<rev>`, and
 *   `git:<rev>+<path>+<path>…`: that, with the working tree's changes to
 *   those paths (their diff against `<rev>`; untracked files copied) applied:
 *   an A/B of one uncommitted change in the same run (e.g.
 *   `git:HEAD+server/ws/connection.ts`). Revision and diff are taken when
 *   the benchmark starts, so commits made meanwhile change nothing. The tree
 *   is read with `git archive` into a temporary folder; the repository is
 *   not touched.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../tests/fixtures/ports';
import { processCpuMs } from './machine';

export type ServerKind = 'journeyboard' | 'reference';

export interface ServerSpec {
  /** as given: `journeyboard`, `reference`, `git:HEAD`, `git:HEAD+server/ws/connection.ts`, `cluster:3` */
  label: string;
  kind: ServerKind;
  /** Journeyboard on PostgreSQL and Redis (STORE=postgres): this many nodes of one cluster, the clients of a map spread over them */
  clusterNodes?: number;
  /** Journeyboard only: a git revision to run instead of the working tree, and the working tree's changes to apply to it */
  git?: { rev: string; overlay: string[]; patch: string; untracked: { path: string; content: Buffer }[] };
}

export interface ServerUnderTest {
  spec: ServerSpec;
  pid: number;
  httpUrl: string;
  /** what was added to its environment (a cluster node's store and Redis): another node like it starts with this */
  env: Record<string, string>;
  /** websocket URL of a room: the map's for Journeyboard, any name for the reference */
  roomUrl(room: string): string;
  /** CPU time (user + system) the process has used so far, in ms */
  cpuMs(): number;
  /** resident memory now, MB */
  rssMb(): number;
  /** Stops it (SIGTERM, so Journeyboard flushes and a CPU profile is written; SIGKILL after 20 s). */
  stop(): Promise<void>;
}

/** The repository: bench/load/../.. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Not tests/fixtures/server.ts's tempDir: that module imports the server, which has no place in the load generator's processes.
const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-bench-'));
const REFERENCE_BIN = path.join(ROOT, 'node_modules/@y/websocket-server/src/server.js');

export function parseServerSpecs(list: string): ServerSpec[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((label): ServerSpec => {
      if (label === 'journeyboard' || label === 'reference') return { label, kind: label };
      const cluster = /^cluster:(\d+)$/.exec(label);
      if (cluster) return { label, kind: 'journeyboard', clusterNodes: Number(cluster[1]) };
      const git = /^git:([^+]+)((?:\+[^+]+)*)$/.exec(label);
      if (git) {
        // Resolved now, so a commit made while the benchmark runs changes nothing and the figure names what it ran.
        const rev = execFileSync('git', ['rev-parse', '--short', `${git[1]!}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
        const overlay = git[2]!.split('+').filter(Boolean);
        const inRev = (p: string) => {
          try {
            execFileSync('git', ['cat-file', '-e', `${rev}:${p}`], { cwd: ROOT, stdio: 'ignore' });
            return true;
          } catch {
            return false;
          }
        };
        const tracked = overlay.filter(inRev);
        const patch =
          tracked.length > 0 ? execFileSync('git', ['diff', '--binary', rev, '--', ...tracked], { cwd: ROOT, encoding: 'utf8' }) : '';
        const untracked = overlay.filter((p) => !inRev(p)).map((p) => ({ path: p, content: fs.readFileSync(path.join(ROOT, p)) }));
        return { label: ['git:' + rev, ...overlay].join('+'), kind: 'journeyboard', git: { rev, overlay, patch, untracked } };
      }
      throw new Error(`unknown server "${label}": journeyboard, reference, cluster:<nodes>, git:<rev> or git:<rev>+<path>…`);
    });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** The server folder of `git` (rev + overlay), with node_modules linked: made once per label. */
const trees = new Map<string, string>();
function gitTree(git: NonNullable<ServerSpec['git']>): string {
  const key = JSON.stringify([git.rev, git.overlay]);
  const known = trees.get(key);
  if (known) return known;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-bench-tree-'));
  const tar = execFileSync('git', ['archive', '--format=tar', git.rev, 'server', 'src', 'package.json', 'tsconfig.json'], {
    cwd: ROOT,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  if (git.patch) execFileSync('git', ['apply', '--whitespace=nowarn', '-'], { cwd: dir, input: git.patch });
  for (const { path: p, content } of git.untracked) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), content);
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  trees.set(key, dir);
  if (trees.size === 1) process.once('exit', () => trees.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  return dir;
}

async function waitHttp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`server at ${url} did not answer`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface StartOptions {
  /** Journeyboard only: run under `node --cpu-prof`, the profile written into this folder when it stops */
  cpuProfDir?: string;
  env?: Record<string, string>;
}

export async function startServer(spec: ServerSpec, opts: StartOptions = {}): Promise<ServerUnderTest> {
  const port = await freePort();
  const httpUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let dataDir: string | null = null;
  if (spec.kind === 'reference') {
    child = spawn(process.execPath, [REFERENCE_BIN], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...opts.env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitHttp(httpUrl, child);
  } else {
    const cwd = spec.git ? gitTree(spec.git) : ROOT;
    dataDir = tempDir();
    const prof = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
    child = spawn(process.execPath, [...prof, '--import', 'tsx', 'server/index.ts'], {
      cwd,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        STATIC_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // One load generator stands for thousands of people: the per-address caps would refuse it.
        MAX_MAPS_PER_HOUR: '1000000',
        MAX_CONNECTIONS_PER_ADDRESS: '1000000',
        ...opts.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitHttp(`${httpUrl}/health`, child);
  }
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    spec,
    pid,
    httpUrl,
    env: opts.env ?? {},
    roomUrl: (room) => (spec.kind === 'reference' ? `ws://127.0.0.1:${port}/${room}` : `ws://127.0.0.1:${port}/ws/${room}`),
    cpuMs: () => processCpuMs(pid),
    rssMb: () => rssMb(pid),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What a spec stands for: one server, or the nodes of a cluster on this
 * machine's PostgreSQL and Redis (a schema and key prefix of their own,
 * dropped when the last node stops; TEST_DATABASE_URL and TEST_REDIS_URL
 * point elsewhere).
 */
export async function startDeployment(spec: ServerSpec, opts: StartOptions = {}): Promise<ServerUnderTest[]> {
  if (!spec.clusterNodes) return [await startServer(spec, opts)];
  const { clusterServices } = await import('../../tests/fixtures/services');
  const services = await clusterServices();
  const env = {
    ...opts.env,
    STORE: 'postgres',
    DATABASE_URL: services.DATABASE_URL,
    REDIS_URL: services.REDIS_URL,
    REDIS_PREFIX: services.REDIS_PREFIX,
  };
  const nodes: ServerUnderTest[] = [];
  for (let i = 0; i < spec.clusterNodes; i++) nodes.push(await startServer(spec, { ...opts, env }));
  const last = nodes.at(-1)!;
  const stopLast = last.stop.bind(last);
  // Everything the cluster stored goes once its nodes are down.
  last.stop = async () => {
    await stopLast();
    await services.cleanup();
  };
  return nodes;
}
