/**
 * Moving an installation from one store into another (a single node's
 * SQLite into the PostgreSQL of a cluster): every map with its row, link
 * version, documents and versions, and the server secret, so every share
 * link and session the old server issued keeps working. The command line
 * around it is server/migrateStore.ts.
 *
 * - Each map moves in ONE transaction of the target (MapImporter.importMap):
 *   all of it or nothing, so a failure or an interrupted run leaves every map
 *   before it in place and a rerun finishes the job.
 * - A map the target already has is compared, never duplicated: the same
 *   row, documents (the same Yjs state, however it is stored) and versions
 *   is "already there"; anything else is "different" and left alone unless
 *   `overwrite`.
 * - Each document moves as ONE snapshot (its snapshot and log folded), so the
 *   target starts compact. Versions move as they are stored (compressed).
 * - Sign-in links do not move: they are one-time and short-lived.
 */
import * as Y from 'yjs';
import {
  SUBDOCS,
  docId,
  type MapBundle,
  type MapComparison,
  type MapImporter,
  type MapSource,
  type SameDocState,
  type SecretStore,
  type SubDoc,
} from './store/types';

/**
 * A document's stored state (snapshot and log) as ONE update, as compaction
 * makes it. Structs Yjs holds back for missing dependencies (only a state
 * written by an older server can have them) are dropped, as a room drops
 * them when it loads the document: they can never be applied.
 */
export function foldState(stored: readonly Uint8Array[]): { state: Uint8Array; droppedPending: boolean } {
  const doc = new Y.Doc();
  try {
    doc.transact(() => stored.forEach((u) => Y.applyUpdate(doc, u)));
    const droppedPending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    return { state: Y.encodeStateAsUpdate(doc), droppedPending };
  } finally {
    doc.destroy();
  }
}

/**
 * Whether a stored state holds exactly what `state` holds: the same inserts
 * (state vector) and the same deletions (delete set). Bytes would not do: a
 * node that compacts the document re-encodes the same content differently.
 */
export const sameDocState: SameDocState = (stored, state) => {
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  try {
    docs[0].transact(() => stored.forEach((u) => Y.applyUpdate(docs[0], u)));
    Y.applyUpdate(docs[1], state);
    return Y.equalSnapshots(Y.snapshot(docs[0]), Y.snapshot(docs[1]));
  } finally {
    docs.forEach((d) => d.destroy());
  }
};

/** Names a document for people: `map` for the map's own, else the subdoc's name. */
export type DocLabel = 'map' | SubDoc;
const labelOf = (sub: SubDoc | null): DocLabel => sub ?? 'map';

/** Everything `source` stores of map `id`, each document folded into one snapshot; null if there is no such map (deleted meanwhile). */
export async function readBundle(source: MapSource, id: string): Promise<{ bundle: MapBundle; droppedPending: DocLabel[] } | null> {
  const record = await source.getMap(id);
  const linkVersion = await source.linkVersion(id);
  if (record === null || linkVersion === null) return null;
  const docs: MapBundle['docs'] = [];
  const droppedPending: DocLabel[] = [];
  for (const sub of [null, ...SUBDOCS]) {
    const stored = await source.loadState(docId(id, sub));
    if (stored.length === 0) continue;
    const folded = foldState(stored);
    docs.push({ sub, state: folded.state });
    if (folded.droppedPending) droppedPending.push(labelOf(sub));
  }
  const versions: MapBundle['versions'] = [];
  // listVersions is newest first; the target gets them oldest first, so ties in time keep their order.
  for (const v of (await source.listVersions(id)).reverse()) {
    const full = await source.getVersion(id, v.id);
    if (full) versions.push(full);
  }
  return { bundle: { record, linkVersion, docs, versions }, droppedPending };
}

/** What became of a map: moved ('created', or 'replaced' a different copy with `overwrite`), already there, different and left alone, or failed. In a dry run, what would. */
export type MapStatus = 'created' | 'replaced' | 'identical' | 'different' | 'failed';

export interface MapOutcome {
  id: string;
  title: string;
  status: MapStatus;
  /** its documents that have a stored state */
  docs: DocLabel[];
  versions: number;
  /** documents that held structs with missing dependencies, dropped (see foldState) */
  droppedPending: DocLabel[];
  /** why it failed */
  error?: string;
}

/**
 * What became of the secret: moved into the target, already there (the
 * target has this installation's secret), the target's own kept
 * (`keepTargetSecret`: links of the old server stop working), or none to
 * move (no secret file: the old server ran with JOURNEYBOARD_SECRET).
 */
export type SecretStatus = 'moved' | 'identical' | 'kept target' | 'none';

/** The target already has a secret of its own: moving the maps would break every link of the old server. Nothing was moved. */
export class SecretConflictError extends Error {
  override name = 'SecretConflictError';
}

export interface MigrationSummary {
  secret: SecretStatus;
  maps: MapOutcome[];
  /** why the run stopped before the last map: the target stopped answering */
  stopped?: string;
}

/** Where an installation moves to: a store that takes whole maps and shares a secret. */
export type MigrationTarget = MapImporter & SecretStore & { ping(): Promise<void> };

export interface MigrationOptions {
  /** compare and report only; nothing is written */
  dryRun?: boolean;
  /** replace the target's map when it differs (default: leave it alone) */
  overwrite?: boolean;
  /** go on when the target has a secret of its own, and keep it */
  keepTargetSecret?: boolean;
  /** told what became of the secret, before the first map moves (the summary has it too) */
  onSecret?: (status: SecretStatus) => void;
  /** told of each map as soon as it is done (the summary has them all too) */
  onMap?: (outcome: MapOutcome) => void;
}

const reasonOf = (err: unknown): string => (err instanceof Error ? err.message || err.name : String(err));

/**
 * Checks, then moves, the secret: first, so a node started during the move
 * already signs with it. Throws SecretConflictError if the target has
 * another and `keepTargetSecret` is not set.
 */
async function moveSecret(secret: string | null, target: MigrationTarget, opts: MigrationOptions): Promise<SecretStatus> {
  if (secret === null) return 'none';
  const conflict = (): SecretStatus => {
    if (opts.keepTargetSecret) return 'kept target';
    throw new SecretConflictError('the target already has a secret of its own, not this installation’s');
  };
  const stored = await target.storedSecret();
  if (stored === secret) return 'identical';
  if (stored !== null) return conflict();
  if (opts.dryRun) return 'moved';
  // Stored unless a node stored its own meanwhile: the answer is what the cluster signs with now.
  return (await target.sharedSecret(secret)) === secret ? 'moved' : conflict();
}

const planned = (found: MapComparison, overwrite: boolean): MapStatus =>
  found === 'absent' ? 'created' : found === 'different' && overwrite ? 'replaced' : found;

/**
 * Moves the secret, then every map of `source`, one transaction per map. A
 * map that fails is reported and the run goes on with the next, unless the
 * target stopped answering (then it stops, and says so in `stopped`).
 */
export async function migrateInstallation(
  source: { maps: MapSource; secret: string | null },
  target: MigrationTarget,
  opts: MigrationOptions = {},
): Promise<MigrationSummary> {
  const summary: MigrationSummary = { secret: await moveSecret(source.secret, target, opts), maps: [] };
  opts.onSecret?.(summary.secret);
  const index = (await source.maps.listMapIndex()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const { id, title } of index) {
    let outcome: MapOutcome;
    try {
      const read = await readBundle(source.maps, id);
      if (read === null) continue; // deleted while this ran
      const { bundle, droppedPending } = read;
      const status = opts.dryRun
        ? planned(await target.compareMap(bundle, sameDocState), opts.overwrite ?? false)
        : await target.importMap(bundle, sameDocState, { replace: opts.overwrite ?? false });
      outcome = {
        id,
        title: bundle.record.title,
        status,
        docs: bundle.docs.map((d) => labelOf(d.sub)),
        versions: bundle.versions.length,
        droppedPending,
      };
    } catch (err) {
      outcome = { id, title, status: 'failed', docs: [], versions: 0, droppedPending: [], error: reasonOf(err) };
    }
    summary.maps.push(outcome);
    opts.onMap?.(outcome);
    if (outcome.status === 'failed') {
      try {
        await target.ping();
      } catch (err) {
        summary.stopped = `the target stopped answering: ${reasonOf(err)}`;
        break;
      }
    }
  }
  return summary;
}
