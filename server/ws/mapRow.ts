/**
 * Keeps a map's row (its title, last edit and dashboard summary) and its
 * searchable copy of card texts up to date with its document, so listing and
 * searching maps never load documents. The summary and the copy walk the
 * whole map, so they are written when the map goes quiet (or every
 * SUMMARY_MAX_WAIT_MS while it does not), not on the path from one client to
 * another, and at once when the room unloads.
 * In a cluster every node that stores edits of the map does this; all read
 * the same converging document, so the last write is right.
 */
import * as Y from 'yjs';
import { MetaSchema } from '../../src/model/schema';
import { metaMap } from '../../src/model/doc';
import { mapStats } from '../../src/model/stats';
import { searchCardsOf } from '../../src/model/cardSearchIndex';
import type { CardSearchStore, MapCatalog, MapRecord, MapTouch } from '../store/types';
import type { Room, RoomExtension } from './room';
import type { TurnQueue } from './turnQueue';

/**
 * ms without a stored batch after which the row is brought up to date: the
 * summary and the copy walk every card, so they are written when a map goes
 * quiet, and the dashboard is a couple of seconds behind a map nobody edits.
 */
export const SUMMARY_DELAY_MS = 2000;

/**
 * ms at most from a stored batch to the row written with it while batches
 * keep coming. A workshop edits its map several times a second for hours;
 * writing its row every SUMMARY_DELAY_MS was a sixth of a busy node's time
 * (200 such maps at 1,000 edits/s in bench/throughput.ts), for a dashboard
 * nobody looks at meanwhile. The last edit's time on the row stays exact.
 */
export const SUMMARY_MAX_WAIT_MS = 10_000;

/**
 * `ms` or up to a quarter less or more, drawn each time: maps edited from the
 * same moment on would otherwise write their rows in step, all at once (a
 * burst the TurnQueue spreads over turns, but the node is still busy with
 * nothing else meanwhile).
 */
const jittered = (ms: number) => ms * (0.75 + Math.random() / 2);

const MAX_TITLE = MetaSchema.shape.title.maxLength ?? 200;

/** The title as the map list shows it: a client may write anything into meta. */
function readTitle(doc: Y.Doc): string | undefined {
  const t = metaMap(doc).get('title');
  return typeof t === 'string' ? t.slice(0, MAX_TITLE) : undefined;
}

export class MapRowKeeper implements RoomExtension {
  private storedTitle: string | undefined;
  /** the summary on the row, as JSON (undefined: none yet) */
  private storedStats: string | undefined;
  /**
   * the searchable copy this keeper last stored, as JSON (undefined: none
   * since the room loaded, so the first save writes it: a map saved last
   * before search existed becomes searchable that way too)
   */
  private storedSearch: string | undefined;
  /** when this node last stored a batch of the map: its row's last edit (the row is written a while later) */
  private lastStoredAt = 0;
  /** when the first batch the row does not have yet was stored (null: the row has every batch, nothing to write) */
  private dirtySince: number | null = null;
  /** this round's SUMMARY_DELAY_MS and SUMMARY_MAX_WAIT_MS, jittered */
  private quietMs = SUMMARY_DELAY_MS;
  private maxWaitMs = SUMMARY_MAX_WAIT_MS;
  private timer: NodeJS.Timeout | null = null;
  /** a write of this row waits in the node's queue */
  private queued = false;

  constructor(
    private readonly catalog: MapCatalog & CardSearchStore,
    record: MapRecord,
    /** the node's queue for rooms' background work: rows of many maps are never written in one turn */
    private readonly background: TurnQueue,
  ) {
    this.storedTitle = record.title;
    this.storedStats = record.stats ? JSON.stringify(record.stats) : undefined;
  }

  stored(room: Room): void {
    const now = Date.now();
    this.lastStoredAt = now;
    if (this.dirtySince === null) {
      this.dirtySince = now;
      this.quietMs = jittered(SUMMARY_DELAY_MS);
      this.maxWaitMs = jittered(SUMMARY_MAX_WAIT_MS);
    }
    // A write waiting in the queue takes this batch too: a slow store must not queue one write per delay.
    // A timer set is not moved on every batch: when it fires it looks at the last one (due).
    if (this.timer !== null || this.queued) return;
    this.wakeIn(room, this.quietMs);
  }

  private wakeIn(room: Room, ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.due(room);
    }, ms);
    this.timer.unref();
  }

  /** Queues the write once the map has been quiet for a while, or the row has waited long enough; else waits on. */
  private due(room: Room): void {
    // Written meanwhile (the room flushed it): nothing to wait for.
    if (this.dirtySince === null) return;
    const dueAt = Math.min(this.lastStoredAt + this.quietMs, this.dirtySince + this.maxWaitMs);
    const wait = dueAt - Date.now();
    if (wait > 0) return this.wakeIn(room, wait);
    this.queued = true;
    this.background.add(() => {
      this.queued = false;
      return this.write(room).catch((err: unknown) => room.log.error('map row not updated', { map: room.mapId, err }));
    });
  }

  async flush(room: Room): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.write(room);
  }

  private async write(room: Room): Promise<void> {
    if (this.dirtySince === null || room.isDestroyed) return;
    this.dirtySince = null;
    const touch: MapTouch = { updatedAt: this.lastStoredAt };
    const title = readTitle(room.doc);
    if (title !== undefined && title !== this.storedTitle) touch.title = title;
    const stats = mapStats(room.doc);
    const statsJson = JSON.stringify(stats);
    if (statsJson !== this.storedStats) touch.stats = stats;
    await this.catalog.updateMap(room.mapId, touch);
    if (touch.title !== undefined) this.storedTitle = touch.title;
    if (touch.stats !== undefined) this.storedStats = statsJson;
    // Most batches move cards, vote or tag: the copy is rewritten only when what a search reads changed.
    const search = searchCardsOf(room.doc);
    const searchJson = JSON.stringify(search);
    if (searchJson !== this.storedSearch) {
      await this.catalog.putSearchCards(room.mapId, search);
      this.storedSearch = searchJson;
    }
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
  }
}
