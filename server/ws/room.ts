/**
 * One document of a map in memory (the map's own, or a subdoc such as its
 * comments): its Y.Doc and awareness, the peers on it, and the path of every
 * change to the store, to the other nodes and to the peers. Independent of
 * the transport (a peer is anything that can take bytes and be closed), of
 * the store (a DocStore) and of the fan-out between nodes (a DocChannel:
 * nothing in one process, Redis in a cluster).
 *
 * - The doc is loaded from the store before any peer is answered (`ready`):
 *   answering sync step 1 from an empty doc would make a client believe the
 *   map is empty (the known y-websocket race). The fan-out channel is opened
 *   before the store is read and resumed after, so nothing another node
 *   stores meanwhile is missed.
 * - An update is checked before it is applied: one that depends on edits the
 *   server never received (it would leave Yjs "pending" state behind, which
 *   slows every later edit and is written into every stored and downloaded
 *   state) or that would take the map past MAP_LIMITS is refused whole, and
 *   its socket closed (UpdateRefusedError).
 * - Store, then relay: every change made here goes into an ordered outbox;
 *   the outbox is appended to the store in the same event-loop turn (one
 *   transaction for all changes of a turn), and only then are the changes
 *   relayed, published to the other nodes, and the sync answers computed
 *   meanwhile sent. So whatever any client has seen is stored, even if the
 *   process is killed the next instant. Changes other nodes stored arrive
 *   with the STORED origin and are only relayed.
 * - The log is compacted into a snapshot every `compactAfterUpdates` appends
 *   and when the room is unloaded; in a cluster the store lets one node at a
 *   time do it and the room folds in what other nodes appended.
 * - What a map document needs beyond this (its row's title and summary,
 *   automatic versions) are RoomExtensions (mapRow.ts, autoVersions.ts).
 *   Changes the server makes on its own behalf (a restore) are made
 *   `quietly`: they are not edits that call for an automatic version.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE } from '../../src/model/closeCodes';
import { MAP_LIMITS } from '../../src/model/schema';
import { ROUNDS } from '../../src/model/rounds/commands';
import { PRIVATE_CARDS, PRIVATE_VOTES, ROUND_LIMITS } from '../../src/model/rounds/schema';
import type { DocChannel } from '../fanout/types';
import type { Logger } from '../log';
import type { ServerMetrics } from '../metrics';
import { parseDocId, type DocId, type DocStore, type DocName, PRIVATE_PREFIX } from '../store/types';
import { missingDependencies } from './dependencies';
import { collectionOverLimit } from './entityLimits';
import { PresenceClaims, type Participant } from './presenceClaims';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type AwarenessEntry, type ClientMessage } from './protocol';

export interface RoomPeer {
  /** who is behind the socket, for presence (see PresenceClaims) */
  readonly participant: Participant;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** The origin of changes that are in the store already (other nodes', or read back while compacting): relayed, never stored again. */
export const STORED: unique symbol = Symbol('journeyboard.stored');

/** Something a room does besides syncing, storing and relaying (the map row, automatic versions). */
export interface RoomExtension {
  /** The room has loaded (before any peer joins). */
  loaded?(room: Room): Promise<void> | void;
  /** This node stored a batch of the room's changes (people's or the server's own). */
  stored?(room: Room): Promise<void> | void;
  /** A version of the document was saved at `at`, after `edits` of its edits. */
  versionSaved?(at: number, edits: number): void;
  /** The room is unloading or the server stopping: write what is due now. */
  flush?(room: Room): Promise<void>;
  destroy?(): void;
}

export interface RoomOptions {
  store: DocStore;
  /** what the room counts for /metrics (absent: nothing counted) */
  metrics?: ServerMetrics;
  /** opens the document's channel to the other nodes (before the store is read) */
  openChannel(room: Room): Promise<DocChannel>;
  compactAfterUpdates: number;
  log: Logger;
  /** runs before the document is read (checks the map exists): the extensions the room has */
  prepare?(room: Room): Promise<RoomExtension[]>;
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

/** ms before storing is tried again after the store failed. */
const STORE_RETRY_MS = 1000;

/** What waits to be stored, in order: changes to append, and messages that may only go out once they are stored. */
type OutboxEntry = { update: Uint8Array; origin: unknown } | { peer: RoomPeer; message: Uint8Array };

/** Most awareness client ids one peer may own: a y-websocket client uses one per doc. */
export const MAX_OWNED_CLIENTS = 8;
/** How long a participant's presence ids stay theirs after their connection drops (PresenceClaims). */
export const PRESENCE_RECLAIM_MS = 5 * 60_000;

/** Awareness is sent at most this often per room (the first change at once): see scheduleAwareness. */
export const AWARENESS_INTERVAL_MS = 50;

/** Holds the presence ids of other nodes' clients here, so nobody on this node takes them over. */
const REMOTE_HOLDER = { participant: Symbol('other nodes') } as const;

/** 'no-op': the message changed nothing; 'refused': it was dropped by a rule. */
export type HandleResult = 'applied' | 'no-op' | 'refused';

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/** The entries each root collection of a document may hold: the map's (rounds included), a private document's; none for comments. */
const MAP_DOC_LIMITS: Readonly<Record<string, number>> = { ...MAP_LIMITS, [ROUNDS]: ROUND_LIMITS.rounds };
const PRIVATE_DOC_LIMITS: Readonly<Record<string, number>> = {
  [PRIVATE_CARDS]: ROUND_LIMITS.privateEntries,
  [PRIVATE_VOTES]: ROUND_LIMITS.privateEntries,
};
const limitsOf = (sub: DocName | null): Readonly<Record<string, number>> | null =>
  sub === null ? MAP_DOC_LIMITS : sub.startsWith(PRIVATE_PREFIX) ? PRIVATE_DOC_LIMITS : null;

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  /** the map this document belongs to */
  readonly mapId: string;
  /** null: the map document itself */
  readonly sub: DocName | null;
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly ready: Promise<void>;
  private readonly peers = new Set<RoomPeer>();
  /** which participant each awareness client id belongs to */
  private readonly claims = new PresenceClaims<object>(PRESENCE_RECLAIM_MS);
  private channel: DocChannel | null = null;
  /** awareness client ids changed since the last send: this node's clients', and other nodes' */
  private readonly awarenessHere = new Set<number>();
  private readonly awarenessFromNodes = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;
  private awarenessSentAt = 0;
  private extensions: RoomExtension[] = [];
  private destroyed = false;
  /** changes applied but not yet stored, and the messages that must wait for them */
  private outbox: OutboxEntry[] = [];
  /** outbox entries handed to the store and not yet delivered */
  private storing = 0;
  private writeScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  /** serialises appends and compactions, which must not interleave */
  private writing: Promise<void> = Promise.resolve();
  /** counts changes, so compaction knows whether anything is new since the last snapshot */
  private changes = 0;
  private compactedAt = 0;
  /** changes people made (not quiet ones): what automatic versions are about */
  private edits = 0;
  /** > 0 while the server changes the doc on its own behalf (see quietly) */
  private quiet = 0;
  /**
   * The log length this room compacts at: COMPACT_AFTER_UPDATES or up to a
   * quarter less, so maps edited at the same pace do not all compact in the
   * same moment (a stall of every room at once under even load).
   */
  private readonly compactAt: number;

  constructor(
    /** the document's id in the store: the map id, or `<mapId>/<subdoc>` */
    readonly id: DocId,
    private readonly opts: RoomOptions,
  ) {
    ({ mapId: this.mapId, sub: this.sub } = parseDocId(id));
    this.compactAt = Math.max(1, Math.round(opts.compactAfterUpdates * (1 - Math.random() / 4)));
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

  get log(): Logger {
    return this.opts.log;
  }

  private async load(): Promise<void> {
    this.extensions = (await this.opts.prepare?.(this)) ?? [];
    if (this.destroyed) return; // evicted (deleted) while loading
    // Opened before the store is read: what other nodes store from now on is held, then replayed.
    this.channel = await this.opts.openChannel(this);
    const state = await this.opts.store.loadState(this.id);
    if (this.destroyed) return void this.channel.close();
    // Applied before the update listener is attached: stored updates are not stored again.
    this.doc.transact(() => {
      for (const u of state) Y.applyUpdate(this.doc, u);
    });
    // A log left by a crash or a kill -9 is folded on the next flush even if nobody edits.
    if (state.length > 1) this.compactedAt = -1;
    // Stored by a server older than the dependency check: never served, folded away on the next flush.
    if (this.dropPending()) {
      this.compactedAt = -1;
      this.opts.log.warn('stored state had updates with missing dependencies: dropped', { map: this.id });
    }
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
    for (const extension of this.extensions) await extension.loaded?.(this);
    this.channel.resume();
  }

  /** Changes people have made to this document since it was loaded (what versions count). */
  get editCount(): number {
    return this.edits;
  }

  /**
   * Runs `fn`, which changes the doc on the server's own behalf (a restore):
   * stored and broadcast as usual, but not an edit that calls for an
   * automatic version.
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
    for (const extension of this.extensions) extension.versionSaved?.(at, edits);
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
   * malformed or refused (the caller closes that peer). Role checks are the
   * caller's. 'no-op': nothing changed (e.g. an awareness echo, see handleAwareness).
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
      this.opts.metrics?.updatesRefused.inc();
      throw new UpdateRefusedError(
        CLOSE.missingDependencies,
        missing === 'structs'
          ? 'update refused: it builds on edits this server never received'
          : 'update refused: it deletes content this server never received',
      );
    }
    const limits = limitsOf(this.sub);
    const full = limits ? collectionOverLimit(this.doc, decoded, limits) : null;
    if (full !== null) {
      this.opts.metrics?.updatesRefused.inc();
      throw new UpdateRefusedError(
        CLOSE.mapFull,
        `update refused: the ${this.sub === null ? 'map' : 'document'} would have more than ${limits![full]} ${full}`,
      );
    }
    Y.applyUpdate(this.doc, update, peer);
    this.opts.metrics?.updatesIn.inc();
    if (this.dropPending()) {
      this.opts.log.warn('update left missing dependencies behind: dropped', { map: this.id });
      throw new UpdateRefusedError(CLOSE.missingDependencies, 'update refused: it builds on edits this server never received');
    }
  }

  /** Applies updates that are in the store already (from other nodes, or read back): relayed here, not stored again. */
  applyStored(updates: readonly Uint8Array[]): void {
    if (this.destroyed || updates.length === 0) return;
    this.doc.transact(() => {
      for (const u of updates) Y.applyUpdate(this.doc, u, STORED);
    }, STORED);
    // What another node stored is complete: anything left pending came from an older server's state.
    if (this.dropPending()) this.opts.log.warn('stored updates with missing dependencies: dropped', { map: this.id });
  }

  /** Applies an awareness update of another node's clients (its node checked whose they are). */
  applyRemoteAwareness(update: Uint8Array): void {
    if (this.destroyed) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_HOLDER);
  }

  /** The awareness states of this node's clients (not other nodes'), as one update; null if there are none. */
  localPresence(): Uint8Array | null {
    if (this.destroyed) return null;
    const remote = this.claims.heldBy(REMOTE_HOLDER);
    const here = [...this.awareness.getStates().keys()].filter((id) => !remote.has(id));
    return here.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, here) : null;
  }

  /** Reads the store again: what other nodes stored while their messages could not reach this one. */
  async resync(): Promise<void> {
    const state = await this.opts.store.loadState(this.id);
    this.applyStored(state);
    // Rows another writer appended (a migration, other nodes) are folded on the next flush, as at load.
    if (state.length > 1) this.compactedAt = -1;
    this.opts.log.info('room resynced from the store', { map: this.id });
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
   * The ids of other nodes' clients are held for them.
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
    if (origin === STORED) {
      // Stored already, and nothing stored can depend on what waits in the outbox (it is not published yet).
      this.relay(update, origin);
      return;
    }
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

  private onAwareness = ({ added, updated, removed }: AwarenessChange, origin: unknown): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0 || this.destroyed) return;
    if (origin === REMOTE_HOLDER) {
      // Other nodes' clients: held for them while present, free again once gone.
      this.claims.claim(REMOTE_HOLDER, REMOTE_HOLDER.participant, [...added, ...updated]);
    }
    if (removed.length > 0) this.claims.releaseIds(REMOTE_HOLDER, removed);
    // This node's clients (and entries timed out here) are told to the other nodes; theirs came from there.
    const dirty = origin === REMOTE_HOLDER ? this.awarenessFromNodes : this.awarenessHere;
    for (const id of changed) dirty.add(id);
    this.scheduleAwareness();
  };

  /**
   * Awareness goes out at most every AWARENESS_INTERVAL_MS per room: the first
   * change at once, the ones that follow within the interval together, each
   * client's latest state once, in one message per peer. Thirty people moving
   * their cursors at 20 Hz each would otherwise be 600 messages in and 17,400
   * out a second; coalesced, each peer gets 20 a second however many move
   * (the app interpolates cursors in between).
   */
  private scheduleAwareness(): void {
    if (this.awarenessTimer !== null) return;
    const wait = Math.max(0, this.awarenessSentAt + AWARENESS_INTERVAL_MS - Date.now());
    if (wait === 0) return this.sendAwareness();
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = null;
      this.sendAwareness();
    }, wait);
    this.awarenessTimer.unref();
  }

  private sendAwareness(): void {
    if (this.destroyed) return;
    this.awarenessSentAt = Date.now();
    const here = [...this.awarenessHere];
    const all = [...new Set([...here, ...this.awarenessFromNodes])];
    this.awarenessHere.clear();
    this.awarenessFromNodes.clear();
    if (all.length === 0) return;
    // Sent to every peer, the sender included: `updated` carries the clients'
    // 15-second renewals, and that echo is what keeps a lone client's
    // provider from hitting its 30-second "no message received" reconnect.
    const message = encodeAwareness(this.awareness, all);
    for (const peer of this.peers) peer.send(message);
    if (here.length > 0) this.channel?.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, here));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.writing = this.writing.then(task).catch((err: unknown) => {
      this.opts.log.error('storing map failed', { map: this.id, err });
    });
    return this.writing;
  }

  /** Appends the outbox's changes, then delivers what waited for them, in order. */
  private async writeOutbox(): Promise<void> {
    if (this.destroyed) return;
    const batch = this.outbox.splice(0);
    if (batch.length === 0) return;
    const updates = batch.flatMap((e) => ('update' in e ? [e.update] : []));
    this.storing += batch.length;
    let logLength = 0;
    try {
      if (updates.length > 0) {
        const started = performance.now();
        logLength = await this.opts.store.appendUpdates(this.id, updates);
        this.opts.metrics?.storeAppend.observe((performance.now() - started) / 1000);
      }
    } catch (err) {
      this.opts.metrics?.storeErrors.inc();
      // Nothing of it is stored: keep it all, in order, for the next attempt; deliver nothing.
      this.storing -= batch.length;
      this.outbox.unshift(...batch);
      this.opts.log.error('storing map failed: changes held until the store works again', { map: this.id, err, held: this.outbox.length });
      this.scheduleRetry();
      return;
    }
    this.storing -= batch.length;
    if (this.destroyed) return;
    for (const entry of batch) {
      if ('peer' in entry) entry.peer.send(entry.message);
      else this.relay(entry.update, entry.origin);
    }
    if (updates.length > 0) this.channel?.publish(updates);
    for (const extension of this.extensions) await extension.stored?.(this);
    if (logLength >= this.compactAt) await this.compact();
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

  /**
   * Folds the log into the snapshot. In a store shared by nodes what it read
   * (snapshot and log, other nodes' rows included) is applied here first, so
   * the room's state the snapshot is made from holds every row the store then
   * deletes. A store of one process holds nothing its room lacks: the room
   * does not even read those rows (a third of a SQLite compaction's time), and
   * applying them again (10-20 ms for 500 rows of a 63-card map) only held up
   * every edit relayed behind it.
   */
  private async compact(): Promise<void> {
    if (this.destroyed) return;
    const upTo = this.changes;
    const started = performance.now();
    const shared = this.opts.store.sharedByNodes;
    const done = await this.opts.store.compact(this.id, (stored) => {
      if (shared) this.applyStored(stored());
      return Y.encodeStateAsUpdate(this.doc);
    });
    if (done) this.compactedAt = upTo;
    this.opts.metrics?.storeCompaction.observe((performance.now() - started) / 1000);
  }

  /** Stores what waits in the outbox, then has every extension write what is due, then folds the log if anything changed. */
  flush(): Promise<void> {
    return this.enqueue(async () => {
      await this.writeOutbox();
      if (this.outbox.length > 0) throw new Error('the store failed: changes are only in memory');
      for (const extension of this.extensions) await extension.flush?.(this);
      if (this.changes !== this.compactedAt) await this.compact();
    });
  }

  /** Closes every peer with `code` (if given) and drops the doc. Call flush() first to keep changes. */
  destroy(code?: number, reason = ''): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.awarenessTimer !== null) clearTimeout(this.awarenessTimer);
    for (const extension of this.extensions) extension.destroy?.();
    this.channel?.close();
    const peers = [...this.peers];
    this.peers.clear();
    this.claims.clear();
    if (code !== undefined) for (const peer of peers) peer.close(code, reason);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
