/**
 * Keeps a map's entry in the link index of linked journeys (map_links) up to
 * date with its document. Unlike the row's summary (mapRow.ts) it is written
 * right after the batch that changed a link is stored, not seconds later:
 * someone who links a stage and follows the link at once should find "Part
 * of" on the other map. That is cheap because links rarely change: an
 * observer notes when a batch could have changed one (a `linkedMapId` set or
 * removed, a stage, lane or card added or deleted), and only then are the
 * links read (journeyLinksOf) and, if they differ from the last ones
 * written, stored. Typing in a card touches neither.
 */
import * as Y from 'yjs';
import { collection } from '../../src/model/doc';
import { journeyLinksOf } from '../../src/model/journeys/linkIndex';
import type { JourneyLinkStore } from '../store/types';
import type { Room, RoomExtension } from './room';

const WATCHED = ['stages', 'lanes', 'cards'] as const;

export class JourneyLinkKeeper implements RoomExtension {
  /** the links last written, as JSON (undefined: none since the room loaded, so the first save writes them) */
  private storedLinks: string | undefined;
  /** a batch since the last write could have changed the links */
  private maybeChanged = true;
  private writing: Promise<void> = Promise.resolve();
  private unobserve: (() => void) | null = null;

  constructor(private readonly store: JourneyLinkStore) {}

  loaded(room: Room): void {
    const watch = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      if (this.maybeChanged) return;
      // keysChanged, not `changes`: that getter works out a text's delta on every keystroke, on the server's hot path.
      this.maybeChanged = events.some((e) => e instanceof Y.YMapEvent && (e.path.length === 0 || e.keysChanged.has('linkedMapId')));
    };
    const maps = WATCHED.map((name) => collection(room.doc, name));
    for (const map of maps) map.observeDeep(watch);
    this.unobserve = () => maps.forEach((map) => map.unobserveDeep(watch));
  }

  stored(room: Room): void {
    if (!this.maybeChanged) return;
    // Not awaited: the room's next batch must not wait for the index.
    this.writing = this.writing
      .then(() => this.write(room))
      .catch((err: unknown) => room.log.error('map links not indexed', { map: room.mapId, err }));
  }

  async flush(room: Room): Promise<void> {
    this.writing = this.writing.then(() => this.write(room));
    await this.writing;
  }

  private async write(room: Room): Promise<void> {
    if (!this.maybeChanged || room.isDestroyed) return;
    this.maybeChanged = false;
    const links = journeyLinksOf(room.doc);
    const json = JSON.stringify(links);
    if (json === this.storedLinks) return;
    try {
      await this.store.putJourneyLinks(room.mapId, links);
    } catch (err) {
      this.maybeChanged = true; // tried again after the next batch, or when the room unloads
      throw err;
    }
    this.storedLinks = json;
  }

  destroy(): void {
    this.unobserve?.();
  }
}
