/**
 * The rooms in memory, by document id (a map id, or `<mapId>/comments`). A room is loaded once however many sockets
 * ask for it at the same moment, and unloaded (after a flush) a while after
 * its last peer leaves. A room that is still flushing is waited for before
 * the same map is loaded again, so a new room never reads the store before
 * the old one has finished writing.
 */
import type { Fanout } from '../fanout/types';
import type { Logger } from '../log';
import type { ServerMetrics } from '../metrics';
import { PRIVATE_PREFIX, SUBDOCS, docId, type DocId, type DocName, type Store } from '../store/types';

const isPrivate = (sub: DocName | null): boolean => sub?.startsWith(PRIVATE_PREFIX) ?? false;
import type { Versions } from '../versions';
import { AutoVersions } from './autoVersions';
import { MapRowKeeper } from './mapRow';
import { TurnQueue } from './turnQueue';
import { JourneyLinkKeeper } from './journeyLinkKeeper';
import { MapMigration } from './migration';
import { MapNotFoundError, Room, type RoomExtension, type RoomPeer } from './room';

export interface RoomRegistryOptions {
  /** ms a room stays in memory after its last peer leaves */
  idleMs: number;
  compactAfterUpdates: number;
  log: Logger;
  /** what the other nodes stored and who is where (LocalFanout in one process) */
  fanout: Fanout;
  /** automatic versions of map documents (subdocs take none) */
  versions?: Versions;
  metrics?: ServerMetrics;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  /** map id -> the flush of its room being unloaded */
  private readonly unloading = new Map<string, Promise<void>>();
  /** every room's background writes, spread over turns */
  private readonly background = new TurnQueue();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly opts: RoomRegistryOptions,
  ) {}

  /** Rooms in memory. */
  get size(): number {
    return this.rooms.size;
  }

  /** Maps with a document in memory here. */
  mapIds(): string[] {
    return [...new Set([...this.rooms.values()].map((r) => r.mapId))];
  }

  /** The private documents (workshop rounds) of a map that are in memory here. */
  privateDocsInMemory(mapId: string): DocId[] {
    return [...this.rooms.values()].filter((r) => r.mapId === mapId && isPrivate(r.sub)).map((r) => r.id);
  }

  /** Peers across all rooms. */
  get connections(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.size;
    return n;
  }

  /**
   * The loaded room of a document (a map id: the map's own). Rejects with
   * MapNotFoundError if the store has no such map: a socket never creates a map.
   */
  async get(id: DocId): Promise<Room> {
    if (this.closed) throw new Error('server shutting down');
    this.cancelIdle(id);
    let room = this.rooms.get(id);
    if (!room) {
      const previous = this.unloading.get(id);
      if (previous) await previous;
      if (this.closed) throw new Error('server shutting down');
      room = this.rooms.get(id); // another caller may have loaded it meanwhile
      if (!room) {
        const created = this.create(id);
        room = created;
        this.rooms.set(id, created);
        created.ready.catch(() => {
          if (this.rooms.get(id) === created) this.rooms.delete(id);
          created.destroy();
        });
      }
    }
    await room.ready;
    return room;
  }

  private create(id: DocId): Room {
    const { compactAfterUpdates, log, fanout, versions, metrics } = this.opts;
    const store = this.store;
    const background = this.background;
    return new Room(id, {
      store,
      ...(metrics ? { metrics } : {}),
      compactAfterUpdates,
      log,
      // Checked here too, not only at the upgrade: the map may be deleted in between.
      // A subdoc exists exactly as long as its map does; only the map's own document has a row to keep.
      async prepare(room): Promise<RoomExtension[]> {
        const record = await store.getMap(room.mapId);
        if (record === null) throw new MapNotFoundError(`map ${room.mapId} not found`);
        if (room.sub !== null) return [];
        return [
          new MapMigration(store),
          new MapRowKeeper(store, record, background),
          new JourneyLinkKeeper(store),
          ...(versions ? [new AutoVersions(versions, record.createdAt)] : []),
        ];
      },
      openChannel: (room) =>
        fanout.open(id, {
          updates: (updates) => {
            metrics?.updatesFromNodes.inc(updates.length);
            room.applyStored(updates);
          },
          awareness: (update) => room.applyRemoteAwareness(update),
          localPresence: () => room.localPresence(),
          resync: () => void room.resync().catch((err: unknown) => log.error('room resync failed', { map: id, err })),
        }),
    });
  }

  join(room: Room, peer: RoomPeer): void {
    this.cancelIdle(room.id);
    room.join(peer);
  }

  leave(room: Room, peer: RoomPeer): void {
    room.leave(peer);
    this.scheduleIdle(room);
  }

  /** Unloads `room` after the idle delay if nobody is on it (also used after REST edits). */
  scheduleIdle(room: Room): void {
    if (room.size > 0 || this.rooms.get(room.id) !== room) return;
    this.cancelIdle(room.id);
    const timer = setTimeout(() => void this.unload(room), this.opts.idleMs);
    timer.unref(); // shutdown flushes every room itself
    this.idleTimers.set(room.id, timer);
  }

  private cancelIdle(id: string): void {
    const t = this.idleTimers.get(id);
    if (t) clearTimeout(t);
    this.idleTimers.delete(id);
  }

  private async unload(room: Room): Promise<void> {
    this.idleTimers.delete(room.id);
    if (room.size > 0 || this.rooms.get(room.id) !== room) return;
    this.rooms.delete(room.id);
    const done = this.flushAndDestroy(room, 'unload').finally(() => {
      if (this.unloading.get(room.id) === done) this.unloading.delete(room.id);
    });
    this.unloading.set(room.id, done);
    await done;
  }

  private async flushAndDestroy(room: Room, why: string, code?: number, reason?: string): Promise<void> {
    try {
      await room.flush();
    } catch (err) {
      this.opts.log.error(`flush on ${why} failed`, { map: room.id, err });
    }
    room.destroy(code, reason);
    this.opts.log.debug('room unloaded', { map: room.id, why });
  }

  /** The map was deleted: close the sockets of all its documents with `code` and store nothing more. */
  evict(mapId: string, code: number, reason: string): void {
    // Its private documents (workshop rounds) too: as many as there are people who wrote in a round.
    for (const id of [mapId, ...SUBDOCS.map((sub) => docId(mapId, sub)), ...this.privateDocsInMemory(mapId)]) {
      this.cancelIdle(id);
      const room = this.rooms.get(id);
      this.rooms.delete(id);
      room?.destroy(code, reason);
    }
  }

  /** Shutdown: flush every room, then close its sockets with `code`. */
  async closeAll(code: number, reason: string): Promise<void> {
    this.closed = true;
    for (const id of [...this.idleTimers.keys()]) this.cancelIdle(id);
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.all([...rooms.map((room) => this.flushAndDestroy(room, 'shutdown', code, reason)), ...this.unloading.values()]);
  }
}
