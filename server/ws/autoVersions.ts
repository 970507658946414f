/**
 * Automatic versions of a map: when this node stores edits people made, at
 * most one per AUTO_VERSION_INTERVAL_MS, and only if people edited since the
 * newest version. No timers: a version is taken on the first write after the
 * interval, so it holds that batch too, and nobody editing costs nothing.
 * The store refuses a second one within the interval (`minIntervalMs`), so
 * several nodes storing edits of one map take one version between them.
 */
import type { Versions } from '../versions';
import type { Room, RoomExtension } from './room';

export class AutoVersions implements RoomExtension {
  /** the room's edit count as of the newest version saved here */
  private versionedEdits = 0;
  /** when the newest version of the map was saved (the map's creation if never) */
  private lastVersionAt: number;
  /** when an automatic version was last tried (it may have been skipped: a limit, another node's, an error) */
  private lastAttemptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly versions: Versions,
    /** when the map was created: a map never versioned counts from then */
    createdAt: number,
  ) {
    this.lastVersionAt = createdAt;
  }

  async loaded(room: Room): Promise<void> {
    // Read once per load, so a restart does not start a new interval.
    this.lastVersionAt = (await this.versions.newestAt(room.mapId)) ?? this.lastVersionAt;
  }

  async stored(room: Room): Promise<void> {
    if (room.isDestroyed || room.editCount === this.versionedEdits) return;
    const now = Date.now();
    if (now - Math.max(this.lastVersionAt, this.lastAttemptAt) < this.versions.intervalMs) return;
    // Tried once per interval even when skipped, so a full map logs once, not on every write.
    this.lastAttemptAt = now;
    try {
      await this.versions.takeAuto(room);
    } catch (err) {
      // Not a storage failure of the document itself: nothing to repair.
      room.log.error('automatic version failed', { map: room.mapId, err });
    }
  }

  versionSaved(at: number, edits: number): void {
    this.lastVersionAt = Math.max(this.lastVersionAt, at);
    this.versionedEdits = Math.max(this.versionedEdits, edits);
  }
}
