/**
 * The rooms in memory, by map id. A room is loaded once however many sockets
 * ask for it at the same moment, and unloaded (after a flush) a while after
 * its last socket leaves.
 */
import type { Logger } from '../log';
import type { Store } from '../store/types';
import { Room, type RoomPeer } from './room';

export interface RoomRegistryOptions {
  idleMs: number;
  compactAfterUpdates: number;
  log: Logger;
}

export class RoomRegistry {
  private rooms = new Map<string, Room>();
  private idleTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly opts: RoomRegistryOptions,
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  get connections(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.peers.size;
    return n;
  }

  /** The loaded room of a map (the caller has checked the map exists). */
  async get(id: string): Promise<Room> {
    this.cancelIdle(id);
    let room = this.rooms.get(id);
    if (!room) {
      room = new Room(id, this.store, { compactAfterUpdates: this.opts.compactAfterUpdates, log: this.opts.log });
      this.rooms.set(id, room);
      room.ready.catch(() => this.rooms.delete(id));
    }
    await room.ready;
    return room;
  }

  join(room: Room, peer: RoomPeer): void {
    this.cancelIdle(room.id);
    room.join(peer);
  }

  leave(room: Room, peer: RoomPeer): void {
    room.leave(peer);
    this.scheduleIdle(room);
  }

  /** Unload a room nobody is on (used after REST edits too). */
  scheduleIdle(room: Room): void {
    if (room.peers.size > 0 || this.rooms.get(room.id) !== room) return;
    this.cancelIdle(room.id);
    const timer = setTimeout(() => void this.unload(room), this.opts.idleMs);
    timer.unref();
    this.idleTimers.set(room.id, timer);
  }

  private cancelIdle(id: string): void {
    const t = this.idleTimers.get(id);
    if (t) clearTimeout(t);
    this.idleTimers.delete(id);
  }

  private async unload(room: Room): Promise<void> {
    this.idleTimers.delete(room.id);
    if (room.peers.size > 0 || this.rooms.get(room.id) !== room) return;
    this.rooms.delete(room.id);
    try {
      await room.flush();
    } catch (err) {
      this.opts.log.error('flush on unload failed', { map: room.id, err });
    }
    room.destroy();
  }

  /** The map was deleted: close its sockets with `code`, store nothing more. */
  evict(id: string, code: number, reason: string): void {
    this.cancelIdle(id);
    const room = this.rooms.get(id);
    this.rooms.delete(id);
    room?.destroy(code, reason);
  }

  /** Shutdown: flush every room, then close all sockets. */
  async closeAll(code: number, reason: string): Promise<void> {
    for (const id of this.idleTimers.keys()) this.cancelIdle(id);
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.all(
      rooms.map(async (room) => {
        try {
          await room.flush();
        } catch (err) {
          this.opts.log.error('flush on shutdown failed', { map: room.id, err });
        }
        room.destroy(code, reason);
      }),
    );
  }
}
