/**
 * Keeps a map's row (its title, last edit and dashboard summary) and its
 * searchable copy of card texts up to date with its document, so listing and
 * searching maps never load documents. The summary and the copy
 * walks the whole map, so it is written shortly after a batch is stored, not
 * on the path from one client to another, and at once when the room unloads.
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
 * ms after a stored batch before the row is brought up to date: the summary
 * walks every card, which a map edited many times a second should not do
 * often; the dashboard is a few seconds behind at most.
 */
export const SUMMARY_DELAY_MS = 2000;

/**
 * SUMMARY_DELAY_MS or up to a quarter less or more, drawn each time: maps
 * edited from the same moment on would otherwise write their rows in step,
 * every 2 s, all at once (a burst the TurnQueue spreads over turns, but the
 * node is still busy with nothing else meanwhile).
 */
const summaryDelay = () => SUMMARY_DELAY_MS * (0.75 + Math.random() / 2);

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
  private dirty = false;
  /** when this node last stored a batch of the map: its row's last edit (the row is written a while later) */
  private lastStoredAt = 0;
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
    this.dirty = true;
    this.lastStoredAt = Date.now();
    // A write waiting in the queue takes this batch too: a slow store must not queue one write per delay.
    if (this.timer !== null || this.queued) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.queued = true;
      this.background.add(() => {
        this.queued = false;
        return this.write(room).catch((err: unknown) => room.log.error('map row not updated', { map: room.mapId, err }));
      });
    }, summaryDelay());
    this.timer.unref();
  }

  async flush(room: Room): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.write(room);
  }

  private async write(room: Room): Promise<void> {
    if (!this.dirty || room.isDestroyed) return;
    this.dirty = false;
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
