/**
 * A read-only, observable view of a map's Y.Doc for renderers, on the
 * engine of liveView.ts. It re-parses only the entities a transaction touched
 * and keeps every unchanged entity the same object, so memoised components
 * downstream skip them.
 */
import type * as Y from 'yjs';
import { collection, metaMap, readEntry, readMetaEntry } from './doc';
import { createLiveView, type LiveView } from './liveView';
import { sortOrdered } from './order';
import { COLLECTIONS, type CollectionName, type EntityByCollection, type Meta } from './schema';

/** Fields a reader had to mend to show an entity or the map's meta (repair.ts): someone wrote them as the format does not allow. */
export type Repair = { target: 'meta'; fields: readonly string[] } | { target: CollectionName; id: string; fields: readonly string[] };

export interface MapSnapshot {
  meta: Meta | null;
  personas: readonly EntityByCollection['personas'][];
  stages: readonly EntityByCollection['stages'][];
  lanes: readonly EntityByCollection['lanes'][];
  cards: readonly EntityByCollection['cards'][];
  /** The same entities by id, for O(1) lookups by components. */
  cardById: ReadonlyMap<string, EntityByCollection['cards']>;
  /** What is shown repaired (meta first, then personas, stages, lanes, cards); the same array while that does not change. */
  repairs: readonly Repair[];
}

type Cache = { [N in CollectionName]: Map<string, EntityByCollection[N]> };

export type LiveMap = LiveView<MapSnapshot>;

export function createLiveMap(doc: Y.Doc): LiveMap {
  const cache = Object.fromEntries(COLLECTIONS.map((n) => [n, new Map()])) as Cache;
  /** per collection: id -> the fields repaired, for entities that needed any */
  const repaired = Object.fromEntries(COLLECTIONS.map((n) => [n, new Map<string, readonly string[]>()])) as Record<
    CollectionName,
    Map<string, readonly string[]>
  >;
  const dirty = new Set<CollectionName>(COLLECTIONS);
  let metaDirty = true;
  let repairsDirty = true;

  const refresh = <N extends CollectionName>(name: N, id: string) => {
    const read = readEntry(name, id, collection(doc, name).get(id));
    if (read) cache[name].set(id, read.entity);
    else cache[name].delete(id);
    dirty.add(name);
    if (read && read.repaired.length > 0) {
      // Typing into an entity that stays repaired the same way keeps the repairs list as it was.
      if (repaired[name].get(id)?.join() !== read.repaired.join()) repairsDirty = true;
      repaired[name].set(id, read.repaired);
    } else if (repaired[name].delete(id)) repairsDirty = true;
  };

  let metaRepaired: readonly string[] = [];
  const readMetaNow = (): Meta | null => {
    const read = readMetaEntry(doc);
    const fields = read?.repaired ?? [];
    if (fields.join() !== metaRepaired.join()) repairsDirty = true;
    metaRepaired = fields;
    return read?.meta ?? null;
  };
  const listRepairs = (): Repair[] => {
    const out: Repair[] = metaRepaired.length > 0 ? [{ target: 'meta', fields: metaRepaired }] : [];
    for (const name of COLLECTIONS) for (const [id, fields] of repaired[name]) out.push({ target: name, id, fields });
    return out;
  };

  const build = (prev: MapSnapshot | null): MapSnapshot => {
    const list = <N extends CollectionName>(name: N, old: readonly EntityByCollection[N][] | undefined) =>
      !dirty.has(name) && old ? old : sortOrdered(cache[name].values());
    const cards = list('cards', prev?.cards);
    const meta = metaDirty || !prev ? readMetaNow() : prev.meta;
    const next: MapSnapshot = {
      meta,
      personas: list('personas', prev?.personas),
      stages: list('stages', prev?.stages),
      lanes: list('lanes', prev?.lanes),
      cards,
      cardById: prev && cards === prev.cards ? prev.cardById : new Map(cards.map((c) => [c.id, c])),
      repairs: repairsDirty || !prev ? listRepairs() : prev.repairs,
    };
    dirty.clear();
    metaDirty = false;
    repairsDirty = false;
    return next;
  };

  return createLiveView(doc, {
    collections: COLLECTIONS.map((name) => ({ map: collection(doc, name), refresh: (id: string) => refresh(name, id) })),
    maps: [
      {
        map: metaMap(doc),
        changed: () => {
          metaDirty = true;
        },
      },
    ],
    build,
  });
}
