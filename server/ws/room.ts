/**
 * One map in memory: its Y.Doc and awareness, the sockets on it, and the
 * persistence of every change. The doc is loaded from the store before any
 * socket is answered (`ready`), updates are written through to the store as
 * they are applied, and the log is compacted into a snapshot every
 * COMPACT_AFTER_UPDATES updates and when the room is unloaded.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { metaMap } from '../../src/model/doc';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import { encodeAwareness, encodeUpdate } from './protocol';

/** Origin of updates replayed from storage: they are not stored again. */
const LOAD_ORIGIN = Symbol('journeyboard.load');

export interface RoomPeer {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomOptions {
  compactAfterUpdates: number;
  log: Logger;
}

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** peer -> awareness client ids it owns */
  readonly peers = new Map<RoomPeer, Set<number>>();
  readonly ready: Promise<void>;
  private destroyed = false;
  private lastTouch = 0;
  private title: string | undefined;
  private persisting: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    private readonly store: Store,
    private readonly opts: RoomOptions,
  ) {
    // The server has no local user: its own awareness entry must not exist.
    this.awareness.setLocalState(null);
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    const updates = await this.store.loadState(this.id);
    this.doc.transact(() => {
      for (const u of updates) Y.applyUpdate(this.doc, u);
    }, LOAD_ORIGIN);
    this.title = this.readTitle();
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
  }

  private readTitle(): string | undefined {
    const t = metaMap(this.doc).get('title');
    return typeof t === 'string' ? t : undefined;
  }

  private onUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.destroyed || origin === LOAD_ORIGIN) return;
    const message = encodeUpdate(update);
    for (const peer of this.peers.keys()) if (peer !== origin) peer.send(message);
    this.persist(update);
  };

  private persist(update: Uint8Array) {
    const now = Date.now();
    const title = this.readTitle();
    const fields: { title?: string; updatedAt?: number } = {};
    if (title !== undefined && title !== this.title) fields.title = this.title = title;
    if (now - this.lastTouch > 1000 || fields.title !== undefined) fields.updatedAt = this.lastTouch = now;
    // Chained so compaction never interleaves with an append.
    this.persisting = this.persisting
      .then(async () => {
        const logLength = await this.store.appendUpdate(this.id, update);
        if (fields.title !== undefined || fields.updatedAt !== undefined) await this.store.updateMap(this.id, fields);
        if (logLength >= this.opts.compactAfterUpdates) await this.store.compact(this.id, Y.encodeStateAsUpdate(this.doc));
      })
      .catch((err: unknown) => this.opts.log.error('persist failed', { map: this.id, err }));
  }

  private onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const owned = this.peers.get(origin as RoomPeer);
    if (owned) {
      for (const id of added) owned.add(id);
      for (const id of removed) owned.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const message = encodeAwareness(this.awareness, changed);
    for (const peer of this.peers.keys()) peer.send(message);
  };

  /** Whether `peer` may speak for every id in `ids` (owns them, or nobody does). */
  mayControl(peer: RoomPeer, ids: number[]): boolean {
    for (const id of ids) {
      for (const [other, owned] of this.peers) if (other !== peer && owned.has(id)) return false;
    }
    return true;
  }

  join(peer: RoomPeer): void {
    this.peers.set(peer, new Set());
  }

  leave(peer: RoomPeer): void {
    const owned = this.peers.get(peer);
    this.peers.delete(peer);
    if (owned && owned.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], null);
  }

  /** Waits for pending writes, then folds the log into one snapshot. */
  async flush(): Promise<void> {
    await this.persisting;
    if (!this.destroyed) await this.store.compact(this.id, Y.encodeStateAsUpdate(this.doc));
  }

  /** Closes every socket (e.g. the map was deleted) and drops the doc without storing. */
  destroy(code?: number, reason?: string): void {
    this.destroyed = true;
    for (const peer of this.peers.keys()) if (code !== undefined) peer.close(code, reason ?? '');
    this.peers.clear();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
