/**
 * One document of a map in memory (the map's own, or a subdoc such as its
 * comments): its Y.Doc and awareness, the peers on it, and the persistence
 * of every change. Independent of the transport: a peer is anything that can
 * take bytes and be closed.
 *
 * - The doc is loaded from the store before any peer is answered (`ready`):
 *   answering sync step 1 from an empty doc would make a client believe the
 *   map is empty (the known y-websocket race).
 * - An update is checked before it is applied: one that depends on edits the
 *   server never received (it would leave Yjs "pending" state behind, which
 *   slows every later edit and is written into every stored and downloaded
 *   state) or that would take the map past MAP_LIMITS is refused whole, and
 *   its socket closed (UpdateRefusedError).
 * - Store, then relay: every change goes into an ordered outbox; the outbox is
 *   appended to the store in the same event-loop turn (one transaction for
 *   all changes of a turn), and only then are the changes relayed and the
 *   sync answers computed meanwhile sent. So whatever any client has seen is
 *   stored, even if the process is killed the next instant.
 * - The log is compacted into a snapshot every `compactAfterUpdates` appends
 *   and when the room is unloaded.
 * - The peer a remote change came from is its transaction origin, so the
 *   change is relayed to everybody else.
 * - Only the map document keeps the map row's title and summary current
 *   (shortly after a change, off the store-and-relay path) and is migrated;
 *   a subdoc is just stored.
 * - The map document takes automatic versions (server/versions.ts) when it
 *   stores edits: at most one per interval, and only if people changed it
 *   since the last version. Changes the server makes on its own behalf (the
 *   format migration, a restore) are made `quietly` and do not count.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE } from '../../src/model/closeCodes';
import { MAP_LIMITS, MetaSchema, SCHEMA_VERSION } from '../../src/model/schema';
import { SERVER_ORIGIN, metaMap } from '../../src/model/doc';
import { migrateDoc } from '../../src/model/migrate';
import { mapStats } from '../../src/model/stats';
import type { Logger } from '../log';
import { parseDocId, type DocId, type MapTouch, type Store, type SubDoc } from '../store/types';
import { missingDependencies } from './dependencies';
import { PresenceClaims, type Participant } from './presenceClaims';
import { collectionOverLimit } from './entityLimits';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type AwarenessEntry, type ClientMessage } from './protocol';

export interface RoomPeer {
  /** who is behind the socket, for presence (see PresenceClaims) */
  readonly participant: Participant;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** What a room needs to take automatic versions; server/versions.ts implements it. */
export interface AutoVersioning {
  /** ms between automatic versions, at least */
  intervalMs: number;
  /** Saves an automatic version of the room's document now; calls room.noteVersion if it did. */
  takeAuto(room: Room): Promise<void>;
}

export interface RoomOptions {
  compactAfterUpdates: number;
  log: Logger;
  /** absent: no automatic versions (subdocs never take any) */
  versions?: AutoVersioning;
}

/** The map has no row in the store (never created, or deleted). */
export class MapNotFoundError extends Error {
  override name = 'MapNotFoundError';
}

/** An update the room will not apply; the connection closes its socket with `code`. */
export class UpdateRefusedError extends Error {
  override name = 'UpdateRefusedError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** ms after a change before the map row's title and summary are brought up to date (they walk every card). */
export const SUMMARY_DELAY_MS = 500;
/** ms before storing is tried again after the store failed. */
const STORE_RETRY_MS = 1000;

/** What waits to be stored, in order: changes to append, and messages that may only go out once they are stored. */
type OutboxEntry = { update: Uint8Array; origin: unknown } | { peer: RoomPeer; message: Uint8Array };

/** Most awareness client ids one peer may own: a y-websocket client uses one per doc. */
export const MAX_OWNED_CLIENTS = 8;
/** How long a participant's presence ids stay theirs after their connection drops (PresenceClaims). */
export const PRESENCE_RECLAIM_MS = 5 * 60_000;

const MAX_TITLE = MetaSchema.shape.title.maxLength ?? 200;

/** 'no-op': the message changed nothing; 'refused': it was dropped by a rule. */
export type HandleResult = 'applied' | 'no-op' | 'refused';

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  /** the map this document belongs to */
  readonly mapId: string;
  /** null: the map document itself */
  readonly sub: SubDoc | null;
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly ready: Promise<void>;
  private readonly peers = new Set<RoomPeer>();
  /** which participant each awareness client id belongs to */
  private readonly claims = new PresenceClaims<RoomPeer>(PRESENCE_RECLAIM_MS);
  private destroyed = false;
  /** changes applied but not yet stored, and the messages that must wait for them */
  private outbox: OutboxEntry[] = [];
  /** outbox entries handed to the store and not yet delivered */
  private storing = 0;
  private writeScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private summaryTimer: NodeJS.Timeout | null = null;
  /** serialises appends and compactions, which must not interleave */
  private writing: Promise<void> = Promise.resolve();
  /** counts changes, so compaction knows whether anything is new since the last snapshot */
  private changes = 0;
  private compactedAt = 0;
  /** an append failed: what it held is only in memory until the next compaction */
  private writeFailed = false;
  private storedTitle: string | undefined;
  /** the summary on the map's row, as JSON (undefined: none yet) */
  private storedStats: string | undefined;
  /** changes people made (not quiet ones): what automatic versions are about */
  private edits = 0;
  /** `edits` as of the newest saved version */
  private versionedEdits = 0;
  /** when the newest version of the map was saved (the map's creation if never) */
  private lastVersionAt = Number.NEGATIVE_INFINITY;
  /** when an automatic version was last tried (it may have been skipped: a limit, an error) */
  private lastAutoAttemptAt = Number.NEGATIVE_INFINITY;
  /** > 0 while the server changes the doc on its own behalf (see quietly) */
  private quiet = 0;

  constructor(
    /** the document's id in the store: the map id, or `<mapId>/<subdoc>` */
    readonly id: DocId,
    private readonly store: Store,
    private readonly opts: RoomOptions,
  ) {
    ({ mapId: this.mapId, sub: this.sub } = parseDocId(id));
    // The server has no user of its own: it must not appear in awareness.
    this.awareness.setLocalState(null);
    this.ready = this.load();
  }

  get size(): number {
    return this.peers.size;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  private async load(): Promise<void> {
    // Checked here too, not only at the upgrade: the map may be deleted in between.
    // A subdoc exists exactly as long as its map does.
    const record = await this.store.getMap(this.mapId);
    if (record === null) throw new MapNotFoundError(`map ${this.mapId} not found`);
    this.storedStats = record.stats ? JSON.stringify(record.stats) : undefined;
    const state = await this.store.loadState(this.id);
    if (this.sub === null && this.opts.versions) {
      // A map never versioned counts from its creation: its first automatic
      // version comes after an interval of editing, not with the first keystroke.
      const newest = (await this.store.listVersions(this.mapId))[0];
      this.lastVersionAt = newest?.createdAt ?? record.createdAt;
    }
    if (this.destroyed) return; // evicted (deleted) while loading
    // Applied before the update listener is attached: stored updates are not stored again.
    this.doc.transact(() => {
      for (const u of state) Y.applyUpdate(this.doc, u);
    });
    if (this.sub === null) this.storedTitle = this.readTitle();
    // A log left by a crash or a kill -9 is folded on the next flush even if nobody edits.
    if (state.length > 1) this.compactedAt = -1;
    // Stored by a server older than the dependency check: never served, folded away on the next flush.
    if (this.dropPending()) {
      this.compactedAt = -1;
      this.opts.log.warn('stored state had updates with missing dependencies: dropped', { map: this.id });
    }
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
    if (this.sub !== null) return;
    // After the update listener: the migration is stored like any edit, so it
    // happens once per map, not once per load (see migrateDoc).
    try {
      // Quietly: bringing the format up to date is not an edit worth a version.
      if (this.quietly(() => migrateDoc(this.doc, SERVER_ORIGIN))) this.opts.log.info('map migrated', { map: this.id, to: SCHEMA_VERSION });
    } catch (err) {
      this.opts.log.error('map not migrated', { map: this.id, error: String(err) });
    }
  }

  /** Changes people have made to this document since it was loaded (what versions count). */
  get editCount(): number {
    return this.edits;
  }

  /**
   * Runs `fn`, which changes the doc on the server's own behalf (a restore,
   * the migration): stored and broadcast as usual, but not an edit that
   * calls for an automatic version.
   */
  quietly<T>(fn: () => T): T {
    this.quiet++;
    try {
      return fn();
    } finally {
      this.quiet--;
    }
  }

  /** A version of the document as it was after `edits` edits was saved at `at`. */
  noteVersion(at: number, edits: number): void {
    this.lastVersionAt = Math.max(this.lastVersionAt, at);
    this.versionedEdits = Math.max(this.versionedEdits, edits);
  }

  /** Adds a peer and sends it the server's sync step 1 and who is here. Only after `ready`. */
  join(peer: RoomPeer): void {
    this.peers.add(peer);
    peer.send(encodeSyncStep1(this.doc));
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) peer.send(encodeAwareness(this.awareness, present));
  }

  /** Removes a peer; the awareness states it held are removed, so everyone sees it leave. */
  leave(peer: RoomPeer): void {
    if (!this.peers.delete(peer) || this.destroyed) return;
    const held = this.claims.release(peer);
    if (held.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, held, peer);
  }

  /**
   * Acts on one decoded message from `peer`. Throws if a document update is
   * malformed (the caller closes that peer). Role checks are the caller's.
   * 'no-op': nothing changed (e.g. an awareness echo, see handleAwareness).
   */
  handle(peer: RoomPeer, message: ClientMessage): HandleResult {
    if (this.destroyed || !this.peers.has(peer)) return 'no-op';
    switch (message.type) {
      case 'sync-step1':
        // Everything the answer holds must be stored before it goes out, like a relayed change.
        this.sendWhenStored(peer, encodeSyncStep2(this.doc, message.stateVector));
        return 'applied';
      case 'update':
        this.apply(peer, message.update);
        return 'applied';
      case 'awareness':
        return this.handleAwareness(peer, message.update, message.entries);
      case 'query-awareness':
        peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
        return 'applied';
      case 'auth':
        return 'no-op';
    }
  }

  /** Applies a peer's update, or throws UpdateRefusedError and leaves the document as it was. */
  private apply(peer: RoomPeer, update: Uint8Array): void {
    const decoded = Y.decodeUpdate(update);
    const missing = missingDependencies(this.doc, decoded);
    if (missing !== null) {
      throw new UpdateRefusedError(
        CLOSE.missingDependencies,
        missing === 'structs'
          ? 'update refused: it builds on edits this server never received'
          : 'update refused: it deletes content this server never received',
      );
    }
    const full = this.sub === null ? collectionOverLimit(this.doc, decoded, MAP_LIMITS) : null;
    if (full !== null) {
      throw new UpdateRefusedError(
        CLOSE.mapFull,
        `update refused: the map would have more than ${MAP_LIMITS[full as keyof typeof MAP_LIMITS]} ${full}`,
      );
    }
    Y.applyUpdate(this.doc, update, peer);
    if (this.dropPending()) {
      this.opts.log.warn('update left missing dependencies behind: dropped', { map: this.id });
      throw new UpdateRefusedError(CLOSE.missingDependencies, 'update refused: it builds on edits this server never received');
    }
  }

  /**
   * Forgets structs and deletions Yjs holds back for missing dependencies,
   * which no check let in (see missingDependencies) but a stored state or a
   * hand-made update may carry. Returns whether there were any.
   */
  private dropPending(): boolean {
    const { store } = this.doc;
    if (store.pendingStructs === null && store.pendingDs === null) return false;
    store.pendingStructs = null;
    store.pendingDs = null;
    return true;
  }

  /**
   * A peer may set or remove only awareness client ids that belong to its
   * participant or to nobody; the first participant to change an id holds
   * it, and keeps it for a while after its socket drops (PresenceClaims), so
   * nobody can take over the presence of someone whose connection blinked.
   *
   * Entries that would change nothing are not claims: the stock provider
   * re-sends every awareness change it receives, so each client echoes
   * everybody else's entries back at their current clock. Those are ignored
   * silently. An update that would change another participant's entry is
   * dropped whole (not applied, not relayed) and logged, but the socket
   * stays open: a reconnecting client briefly overlaps with its own
   * half-dead old socket, and a provider broadcasts the removal of peers it
   * has timed out.
   */
  private handleAwareness(peer: RoomPeer, update: Uint8Array, entries: AwarenessEntry[]): HandleResult {
    const ids = entries.filter((e) => this.wouldChange(e)).map((e) => e.clientID);
    if (ids.length === 0) return 'no-op';
    const foreign = this.claims.foreign(peer, peer.participant, ids);
    const fresh = this.claims.fresh(peer, ids);
    if (foreign.length > 0 || this.claims.heldBy(peer).size + fresh.length > MAX_OWNED_CLIENTS) {
      this.opts.log.warn('awareness update for clients this socket does not own: dropped', {
        map: this.id,
        clientIds: foreign.length > 0 ? foreign : fresh,
        reason: foreign.length > 0 ? 'held by another participant' : `more than ${MAX_OWNED_CLIENTS} clients`,
      });
      return 'refused';
    }
    this.claims.claim(peer, peer.participant, fresh);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
    return 'applied';
  }

  /** Whether applyAwarenessUpdate would act on this entry (its own rule, y-protocols/awareness). */
  private wouldChange({ clientID, clock, state }: AwarenessEntry): boolean {
    const current = this.awareness.meta.get(clientID)?.clock ?? 0;
    return current < clock || (current === clock && state === null && this.awareness.states.has(clientID));
  }

  private onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.destroyed) return;
    this.changes++;
    if (this.quiet === 0) this.edits++;
    this.outbox.push({ update, origin });
    this.scheduleWrite();
  };

  /** Sends `message` to `peer` once every change applied so far is stored (at once if it is). */
  private sendWhenStored(peer: RoomPeer, message: Uint8Array): void {
    if (this.outbox.length === 0 && this.storing === 0) return peer.send(message);
    this.outbox.push({ peer, message });
    this.scheduleWrite();
  }

  /** Stores the outbox in a microtask: still this event-loop turn, after every change of the turn is in. */
  private scheduleWrite(): void {
    if (this.writeScheduled) return;
    this.writeScheduled = true;
    queueMicrotask(() => {
      this.writeScheduled = false;
      void this.enqueue(() => this.writeOutbox());
    });
  }

  private onAwareness = ({ added, updated, removed }: AwarenessChange): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0 || this.destroyed) return;
    // Sent to every peer, the sender included: `updated` carries the clients'
    // 15-second renewals, and that echo is what keeps a lone client's
    // provider from hitting its 30-second "no message received" reconnect.
    const message = encodeAwareness(this.awareness, changed);
    for (const peer of this.peers) peer.send(message);
  };

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.writing = this.writing.then(task).catch((err: unknown) => {
      // The doc in memory still has everything: the next successful write
      // compacts, which stores the full state, lost appends included.
      this.writeFailed = true;
      this.opts.log.error('storing map failed', { map: this.id, err });
    });
    return this.writing;
  }

  /** Appends the outbox's changes, then delivers what waited for them, in order. */
  private async writeOutbox(): Promise<void> {
    if (this.destroyed) return;
    const batch = this.outbox.splice(0);
    if (batch.length === 0) return;
    this.storing += batch.length;
    let logLength = 0;
    try {
      logLength = await this.storeBatch(batch);
    } catch (err) {
      // Nothing of it is stored: keep it all, in order, for the next attempt; deliver nothing.
      this.storing -= batch.length;
      this.outbox.unshift(...batch);
      this.writeFailed = true;
      this.opts.log.error('storing map failed: changes held until the store works again', { map: this.id, err, held: this.outbox.length });
      this.scheduleRetry();
      return;
    }
    this.storing -= batch.length;
    for (const entry of batch) {
      if ('peer' in entry) entry.peer.send(entry.message);
      else this.relay(entry.update, entry.origin);
    }
    this.scheduleSummary();
    if (logLength >= this.opts.compactAfterUpdates) await this.compact();
    await this.maybeAutoVersion();
  }

  /** Appends the batch's changes (a full snapshot if an append failed before or fails now); resolves with the log length. */
  private async storeBatch(batch: OutboxEntry[]): Promise<number> {
    const updates = batch.flatMap((e) => ('update' in e ? [e.update] : []));
    if (updates.length === 0) return 0;
    if (!this.writeFailed) {
      try {
        return await this.store.appendUpdates(this.id, updates, this.sub === null ? { updatedAt: Date.now() } : undefined);
      } catch (err) {
        this.opts.log.error('appending to the map’s log failed: storing the whole map instead', { map: this.id, err });
      }
    }
    // The full state holds every change applied so far, these included.
    await this.compact();
    return 0;
  }

  private relay(update: Uint8Array, origin: unknown): void {
    const message = encodeUpdate(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== null || this.destroyed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.scheduleWrite();
    }, STORE_RETRY_MS);
    this.retryTimer.unref();
  }

  /** The map row's title and summary, soon: they walk the whole map, which a busy map should not do on every keystroke. */
  private scheduleSummary(): void {
    if (this.sub !== null || this.summaryTimer !== null || this.destroyed) return;
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = null;
      void this.enqueue(() => this.writeSummary());
    }, SUMMARY_DELAY_MS);
    this.summaryTimer.unref();
  }

  private async writeSummary(): Promise<void> {
    if (this.sub !== null || this.destroyed) return;
    const touch: Partial<MapTouch> = {};
    const title = this.readTitle();
    if (title !== undefined && title !== this.storedTitle) touch.title = title;
    const stats = mapStats(this.doc);
    const statsJson = JSON.stringify(stats);
    if (statsJson !== this.storedStats) touch.stats = stats;
    if (touch.title === undefined && touch.stats === undefined) return;
    await this.store.updateMap(this.id, touch);
    if (touch.title !== undefined) this.storedTitle = touch.title;
    if (touch.stats !== undefined) this.storedStats = statsJson;
  }

  /** An automatic version, if people edited since the last version and that is at least the interval old. */
  private async maybeAutoVersion(): Promise<void> {
    const versions = this.opts.versions;
    if (!versions || this.destroyed || this.edits === this.versionedEdits) return;
    const now = Date.now();
    if (now - Math.max(this.lastVersionAt, this.lastAutoAttemptAt) < versions.intervalMs) return;
    // Tried once per interval even when skipped, so a full map logs once, not on every write.
    this.lastAutoAttemptAt = now;
    try {
      await versions.takeAuto(this);
    } catch (err) {
      // Not a storage failure of the document itself: nothing to repair.
      this.opts.log.error('automatic version failed', { map: this.id, err });
    }
  }

  private async compact(): Promise<void> {
    if (this.destroyed) return;
    const upTo = this.changes;
    // The full state includes every update applied so far, so log rows still
    // waiting to be appended would only repeat it (applying twice is a no-op).
    await this.store.compact(this.id, Y.encodeStateAsUpdate(this.doc));
    this.compactedAt = upTo;
    this.writeFailed = false;
  }

  /** The title as the map list shows it: a client may write anything into meta. */
  private readTitle(): string | undefined {
    const t = metaMap(this.doc).get('title');
    return typeof t === 'string' ? t.slice(0, MAX_TITLE) : undefined;
  }

  /** Stores what waits in the outbox and the summary, then folds the log into one snapshot if anything changed. */
  flush(): Promise<void> {
    if (this.summaryTimer !== null) clearTimeout(this.summaryTimer);
    this.summaryTimer = null;
    return this.enqueue(async () => {
      await this.writeOutbox();
      if (this.outbox.length > 0) throw new Error('the store failed: changes are only in memory');
      await this.writeSummary();
      if (this.changes !== this.compactedAt || this.writeFailed) await this.compact();
    });
  }

  /** Closes every peer with `code` (if given) and drops the doc. Call flush() first to keep changes. */
  destroy(code?: number, reason = ''): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const timer of [this.retryTimer, this.summaryTimer]) if (timer !== null) clearTimeout(timer);
    const peers = [...this.peers];
    this.peers.clear();
    this.claims.clear();
    if (code !== undefined) for (const peer of peers) peer.close(code, reason);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
