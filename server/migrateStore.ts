/**
 * `npm run migrate-store -- --from sqlite --data-dir ./data --to "$DATABASE_URL"`:
 * moves a single-node installation (DATA_DIR) into the PostgreSQL of a
 * cluster and says what it moved, one line per map and a summary. Running
 * it again moves only what is missing. An operator's tool: plain text for a
 * person on stdout, errors on stderr; exit code 0 when the target holds the
 * whole installation, 1 when it does not (a map failed or was left alone,
 * or a store could not be used), 2 for a command line it does not take.
 * The work itself is server/storeMigration.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECRET_FILE } from './secret';
import { SUBDOCS } from './store/types';
import { DatabaseUnavailableError, openPostgresStore, redactUrl, schemaStatus } from './store/postgres';
import { SourceUnavailableError, openSqliteSource, readSecretFile } from './store/sqliteSource';
import { DB_FILE } from './store/sqlite';
import {
  SecretConflictError,
  migrateInstallation,
  type MapOutcome,
  type MigrationSummary,
  type MigrationTarget,
  type SecretStatus,
} from './storeMigration';

export const USAGE = `Usage: npm run migrate-store -- --from sqlite --data-dir DIR --to POSTGRES_URL [options]

Moves a single-node Journeyboard (its DATA_DIR) into the PostgreSQL of a
cluster: every map with its documents, comments, versions and link version,
and the server secret, so every share link and session keeps working.
Run it while the old server is stopped. Running it again moves only what is
missing: a map the target already has is compared, never duplicated.

  --from sqlite          what to move from (the default, and the only one there is)
  --data-dir DIR         the old server's DATA_DIR (default: $DATA_DIR, else ./data);
                         opened read-only, never changed
  --to URL               the cluster's DATABASE_URL (postgres://user:password@host:5432/db)
  --dry-run              only report what would be moved; write nothing
  --overwrite            replace maps the target holds in a different state
                         (default: report them and leave them alone); stop
                         every cluster node first
  --keep-target-secret   the target already has a secret of its own: keep it.
                         Share links and sessions of the old server then stop
                         working, and people need new links
  -h, --help             this text

Exit code: 0 when the target holds the whole installation, 1 when it does
not (a map failed or differs, or a store could not be used), 2 for a wrong
command line.`;

export interface MigrateArgs {
  from: 'sqlite';
  dataDir: string;
  to: string;
  dryRun: boolean;
  overwrite: boolean;
  keepTargetSecret: boolean;
}

/** A command line this tool does not take: the message says what is wrong. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const VALUE_FLAGS = ['--from', '--data-dir', '--to'] as const;
const BOOLEAN_FLAGS = ['--dry-run', '--overwrite', '--keep-target-secret'] as const;

/**
 * The command line, strictly: every flag known, given once, with its value
 * (`--to URL` or `--to=URL`); null for --help. Throws UsageError.
 */
export function parseMigrateArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): MigrateArgs | null {
  if (argv.includes('--help') || argv.includes('-h')) return null;
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if ((VALUE_FLAGS as readonly string[]).includes(name)) {
      const value = name === arg ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (name === arg && value.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      if (values.has(name)) throw new UsageError(`${name} is given twice`);
      values.set(name, value);
    } else if ((BOOLEAN_FLAGS as readonly string[]).includes(name)) {
      if (name !== arg) throw new UsageError(`${name} takes no value`);
      if (flags.has(name)) throw new UsageError(`${name} is given twice`);
      flags.add(name);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${name}`);
    } else {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    }
  }
  const from = values.get('--from') ?? 'sqlite';
  if (from !== 'sqlite') throw new UsageError(`--from ${JSON.stringify(from)}: the only store to move from is sqlite`);
  const to = values.get('--to');
  if (to === undefined) throw new UsageError('--to is required: the PostgreSQL to move into (the cluster’s DATABASE_URL)');
  let protocol = '';
  try {
    protocol = new URL(to).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new UsageError(
      `--to must be a postgres:// URL (got ${redactUrl(to) === '<not a URL>' ? 'something that is not a URL' : redactUrl(to)})`,
    );
  }
  return {
    from,
    dataDir: values.get('--data-dir') ?? (env.DATA_DIR || './data'),
    to,
    dryRun: flags.has('--dry-run'),
    overwrite: flags.has('--overwrite'),
    keepTargetSecret: flags.has('--keep-target-secret'),
  };
}

export interface Output {
  /** a line for the operator (stdout) */
  out(line: string): void;
  /** an error (stderr) */
  err(line: string): void;
}

const consoleOutput: Output = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** `text` without the URL's password, however a library may have quoted it. */
function withoutPassword(text: string, url: string): string {
  let forms: string[];
  try {
    const password = new URL(url).password; // as written in the URL (percent-encoded)
    forms = [password, decodeURIComponent(password)];
  } catch {
    return text;
  }
  return forms.filter((p) => p.length >= 3).reduce((out, p) => out.split(p).join('***'), text);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A dry run's target that has no tables yet: every map would be created, the secret moved. */
const emptyTarget: MigrationTarget = {
  compareMap: async () => 'absent',
  importMap: () => Promise.reject(new Error('a dry run writes nothing')),
  storedSecret: async () => null,
  sharedSecret: () => Promise.reject(new Error('a dry run writes nothing')),
  ping: async () => {},
};

const STATUS_WORDS: Record<MapOutcome['status'], [done: string, dry: string]> = {
  created: ['moved', 'would move'],
  replaced: ['replaced', 'would replace'],
  identical: ['already there', 'already there'],
  different: ['different', 'different'],
  failed: ['FAILED', 'FAILED'],
};

function mapLine(o: MapOutcome, dryRun: boolean): string {
  const status = STATUS_WORDS[o.status][dryRun ? 1 : 0].padEnd(14);
  const head = `${status} ${o.id}  ${JSON.stringify(o.title)}`;
  if (o.status === 'failed') return `${head}: ${o.error ?? 'failed'}`;
  const what = `${o.docs.join(' + ') || 'no documents'}, ${o.versions === 0 ? 'no versions' : plural(o.versions, 'version')}`;
  return o.status === 'different'
    ? `${head}  ${what}: the target's copy differs, left alone (--overwrite replaces it)`
    : `${head}  ${what}`;
}

const SECRET_WORDS: Record<SecretStatus, [done: string, dry: string]> = {
  moved: ['secret moved', 'secret would be moved'],
  identical: ['secret already there', 'secret already there'],
  'kept target': ['target secret kept', 'target secret would be kept'],
  none: ['no secret to move', 'no secret to move'],
};

/** "moved 12 maps (3 comments docs, 40 versions), 2 already there, 0 different; secret moved" */
export function summaryLine(summary: MigrationSummary, dryRun: boolean): string {
  const count = (status: MapOutcome['status']) => summary.maps.filter((m) => m.status === status).length;
  const moved = summary.maps.filter((m) => m.status === 'created' || m.status === 'replaced');
  const details = [
    ...SUBDOCS.map((sub) => plural(moved.filter((m) => m.docs.includes(sub)).length, `${sub} doc`)),
    plural(
      moved.reduce((n, m) => n + m.versions, 0),
      'version',
    ),
  ];
  const replaced = count('replaced');
  if (replaced > 0) details.push(`${replaced} replacing a different copy`);
  const parts = [
    `${dryRun ? 'would move' : 'moved'} ${plural(moved.length, 'map')} (${details.join(', ')})`,
    `${count('identical')} already there`,
    `${count('different')} different`,
  ];
  if (count('failed') > 0) parts.push(`${count('failed')} failed`);
  return `${parts.join(', ')}; ${SECRET_WORDS[summary.secret][dryRun ? 1 : 0]}`;
}

function secretLine(status: SecretStatus, dataDir: string, dryRun: boolean): string {
  switch (status) {
    case 'moved':
      return `secret: ${dryRun ? 'would be moved' : 'moved'} from ${path.join(dataDir, SECRET_FILE)}: share links and sessions of the old server keep working`;
    case 'identical':
      return 'secret: the target already has this installation’s secret';
    case 'kept target':
      return 'secret: the target’s own secret is kept (--keep-target-secret): share links and sessions of the old server no longer work; send people new links';
    case 'none':
      return (
        `secret: ${dataDir} has no ${SECRET_FILE} (the old server ran with JOURNEYBOARD_SECRET?): ` +
        'give every node that same JOURNEYBOARD_SECRET, or its share links and sessions stop working'
      );
  }
}

const SECRET_CONFLICT = `the target already has a secret of its own (did a cluster node start on it before this move?), not the one in secret.key.
Nothing was moved. Either
  - run again with --keep-target-secret: the cluster keeps its secret, and every share link and session of the old server stops working; or
  - if no link the cluster gave out matters: stop every node, delete the target's secret (DELETE FROM settings WHERE key = 'secret') and run again.`;

/** Opens the target: PostgreSQL at `url`, or, for a dry run on a database without Journeyboard's tables, nothing (nothing is created). */
async function openTarget(args: MigrateArgs, out: Output['out']): Promise<{ target: MigrationTarget; close(): Promise<void> }> {
  const schema = await schemaStatus(args.to);
  if (args.dryRun && schema === 'older') {
    throw new DatabaseUnavailableError(
      'the target’s tables are from an older Journeyboard: a dry run does not upgrade them (a node of this version, or a run without --dry-run, does)',
    );
  }
  if (args.dryRun && schema === 'none') {
    out('the target has no Journeyboard tables yet (a real run creates them): everything would be moved');
    return { target: emptyTarget, close: async () => {} };
  }
  const store = await openPostgresStore(args.to, { poolSize: 2 });
  return { target: store, close: () => store.close() };
}

/**
 * The whole command: parses `argv`, moves (or, --dry-run, reports) and
 * resolves with the exit code. Writes only through `io`.
 */
export async function runMigrateStore(
  argv: readonly string[],
  io: Output = consoleOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let args: MigrateArgs | null;
  try {
    args = parseMigrateArgs(argv, env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`migrate-store: ${err.message}`);
    io.err('Run with --help for the options.');
    return 2;
  }
  if (args === null) {
    io.out(USAGE);
    return 0;
  }
  const { out, err } = io;
  const fail = (message: string): number => {
    err(`migrate-store: ${withoutPassword(message, args.to)}`);
    return 1;
  };

  // Before opening: a read-only connection leaves an empty -wal behind. One with content means a server is running, or was killed.
  const wal = path.join(args.dataDir, `${DB_FILE}-wal`);
  const walInUse = fs.existsSync(wal) && fs.statSync(wal).size > 0;
  let source: ReturnType<typeof openSqliteSource>;
  let secret: string | null;
  try {
    source = openSqliteSource(args.dataDir);
    try {
      secret = readSecretFile(args.dataDir);
    } catch (e) {
      await source.close();
      throw e;
    }
  } catch (e) {
    if (e instanceof SourceUnavailableError) return fail(e.message);
    throw e;
  }
  try {
    out(
      `${args.dryRun ? 'dry run, nothing is written: ' : ''}moving ${path.join(args.dataDir, DB_FILE)} (read-only) into ${redactUrl(args.to)}`,
    );
    if (walInUse) {
      out(
        `note: ${DB_FILE}-wal holds recent writes: if the old server is still running, stop it first (edits made during the move are not moved)`,
      );
    }
    let opened: Awaited<ReturnType<typeof openTarget>>;
    try {
      opened = await openTarget(args, out);
    } catch (e) {
      if (e instanceof DatabaseUnavailableError) return fail(e.message);
      throw e;
    }
    try {
      let summary: MigrationSummary;
      try {
        summary = await migrateInstallation({ maps: source, secret }, opened.target, {
          dryRun: args.dryRun,
          overwrite: args.overwrite,
          keepTargetSecret: args.keepTargetSecret,
          onSecret: (status) => out(secretLine(status, args.dataDir, args.dryRun)),
          onMap: (o) => {
            if (o.status === 'failed') err(withoutPassword(mapLine(o, args.dryRun), args.to));
            else out(mapLine(o, args.dryRun));
            if (o.droppedPending.length > 0) {
              out(
                `  note: ${o.droppedPending.join(', ')} held edits with missing dependencies (from an older server): left out, as the server drops them on load`,
              );
            }
          },
        });
      } catch (e) {
        if (e instanceof SecretConflictError) return fail(SECRET_CONFLICT);
        return fail(e instanceof Error ? e.message : String(e));
      }
      out(summaryLine(summary, args.dryRun));
      out('sign-in links: not moved (they are one-time and short-lived): make a new one on the cluster with npm run signin-link');
      const different = summary.maps.filter((m) => m.status === 'different').length;
      const failed = summary.maps.filter((m) => m.status === 'failed').length;
      if (different > 0) {
        out(
          `${plural(different, 'map')} in the target differ${different === 1 ? 's' : ''} from this installation and ${different === 1 ? 'was' : 'were'} left alone: ` +
            `run again with --overwrite to replace ${different === 1 ? 'it' : 'them'} with this installation’s (stop every cluster node first)`,
        );
      }
      if (summary.stopped !== undefined)
        return fail(`stopped before the last map: ${summary.stopped}. Run again to finish: what moved stays.`);
      if (failed > 0)
        return fail(`${plural(failed, 'map')} failed (above). Run again to move them: what moved stays, and is not moved twice.`);
      return different > 0 ? 1 : 0;
    } finally {
      await opened.close();
    }
  } finally {
    await source.close();
  }
}

// Run as a program (not imported by a test): `tsx server/migrateStore.ts …`.
const entry = process.argv[1];
if (entry !== undefined && fs.existsSync(entry) && fs.realpathSync(entry) === fs.realpathSync(fileURLToPath(import.meta.url))) {
  try {
    process.exitCode = await runMigrateStore(process.argv.slice(2));
  } catch (err) {
    // A bug, not a situation the command foresaw: still one line, and never the password.
    const to = process.argv.slice(2).find((a, i, all) => all[i - 1] === '--to' || a.startsWith('--to=')) ?? '';
    console.error(
      `migrate-store: unexpected error: ${withoutPassword(err instanceof Error ? (err.stack ?? err.message) : String(err), to.replace(/^--to=/, ''))}`,
    );
    process.exitCode = 1;
  }
}
