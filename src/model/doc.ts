/**
 * Typed access to a map's Y.Doc. The doc is the only truth for map content:
 * root `meta` (a Y.Map of fields) and one Y.Map per collection, id -> Y.Map of
 * the entity's fields. Readers validate entries (a stock y-websocket client
 * may write anything) and skip what does not parse; writers go through
 * commands/, each one transaction with LOCAL_ORIGIN.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import {
  COLLECTIONS,
  ENTITY_SCHEMAS,
  MetaSchema,
  SCHEMA_VERSION,
  type CollectionName,
  type EntityByCollection,
  type MapDocument,
  type Meta,
} from './schema';
import { sortOrdered } from './order';

/** Origin of every change made by this replica's user: what undo tracks. */
export const LOCAL_ORIGIN: unique symbol = Symbol('journeyboard.local');
/** Origin of changes the server makes itself (REST rename, seeding). */
export const SERVER_ORIGIN: unique symbol = Symbol('journeyboard.server');

export type EntityMap = Y.Map<unknown>;

export const newId = (): string => nanoid();

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function collection(doc: Y.Doc, name: CollectionName): Y.Map<EntityMap> {
  return doc.getMap<EntityMap>(name);
}

/** Plain value of a field: nested Y types (votes) become JSON. */
function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

export function entityToJSON(entry: EntityMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  entry.forEach((value, key) => {
    out[key] = plain(value);
  });
  return out;
}

/** One entity, validated; null when missing or not a valid entity. */
export function readEntity<N extends CollectionName>(doc: Y.Doc, name: N, id: string): EntityByCollection[N] | null {
  const entry = collection(doc, name).get(id);
  if (!(entry instanceof Y.Map)) return null;
  return parseEntry(name, id, entry);
}

export function parseEntry<N extends CollectionName>(name: N, id: string, entry: EntityMap): EntityByCollection[N] | null {
  const parsed = ENTITY_SCHEMAS[name].safeParse({ ...entityToJSON(entry), id });
  return parsed.success ? (parsed.data as EntityByCollection[N]) : null;
}

/** Every valid entity of a collection, in display order. */
export function listEntities<N extends CollectionName>(doc: Y.Doc, name: N): EntityByCollection[N][] {
  const out: EntityByCollection[N][] = [];
  collection(doc, name).forEach((entry, id) => {
    if (!(entry instanceof Y.Map)) return;
    const entity = parseEntry(name, id, entry);
    if (entity) out.push(entity);
  });
  return sortOrdered(out);
}

export function readMeta(doc: Y.Doc): Meta | null {
  const parsed = MetaSchema.safeParse(metaMap(doc).toJSON());
  return parsed.success ? parsed.data : null;
}

/**
 * Create an entity: the only place a collection key is `set`. Setting an
 * existing key would resurrect an entry another user just deleted, so it is
 * refused. Call inside a transaction.
 */
export function createEntity<N extends CollectionName>(doc: Y.Doc, name: N, entity: EntityByCollection[N]): EntityMap {
  const coll = collection(doc, name);
  if (coll.has(entity.id)) throw new Error(`${name} ${entity.id} already exists`);
  const entry: EntityMap = new Y.Map();
  for (const [key, value] of Object.entries(entity)) {
    if (value === undefined || key === 'id') continue;
    if (key === 'votes') {
      const votes = new Y.Map<number>();
      for (const [user, count] of Object.entries(value as Record<string, number>)) votes.set(user, count);
      entry.set(key, votes);
    } else {
      entry.set(key, value);
    }
  }
  coll.set(entity.id, entry);
  return entry;
}

/** Update fields in place on the entity's own Y.Map; false if it is gone. */
export function updateEntity<N extends CollectionName>(
  doc: Y.Doc,
  name: N,
  id: string,
  patch: Partial<Omit<EntityByCollection[N], 'id' | 'votes'>>,
): boolean {
  const entry = collection(doc, name).get(id);
  if (!(entry instanceof Y.Map)) return false;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) entry.delete(key);
    else if (entry.get(key) !== value) entry.set(key, value);
  }
  return true;
}

export function deleteEntity(doc: Y.Doc, name: CollectionName, id: string): boolean {
  const coll = collection(doc, name);
  if (!coll.has(id)) return false;
  coll.delete(id);
  return true;
}

/**
 * The doc as plain JSON in the open format. Cards whose lane or stage is gone
 * (a card added concurrently with deleting its stage) and references to a
 * deleted persona (from cards or from meta) are dropped, so the result always validates.
 */
export function docToMapDocument(doc: Y.Doc): MapDocument {
  const meta = readMeta(doc);
  if (!meta) throw new Error('map has no valid meta');
  const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.id, i]));
  const personas = byId(listEntities(doc, 'personas'));
  const stages = byId(listEntities(doc, 'stages'));
  const lanes = byId(listEntities(doc, 'lanes'));
  const cards = byId(
    listEntities(doc, 'cards')
      .filter((c) => stages[c.stageId] && lanes[c.laneId])
      .map((c) => (c.personaId && !personas[c.personaId] ? { ...c, personaId: undefined } : c)),
  );
  for (const card of Object.values(cards)) if (card.personaId === undefined) delete card.personaId;
  // Following a persona that someone deleted at the same moment: follow none.
  const { personaId, ...rest } = meta;
  const cleanMeta = personaId !== undefined && personas[personaId] ? meta : rest;
  return { schemaVersion: SCHEMA_VERSION, meta: cleanMeta, personas, stages, lanes, cards };
}

/** Fill an empty doc from a (validated) map document, in one transaction. */
export function loadMapDocument(doc: Y.Doc, map: MapDocument, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    for (const [key, value] of Object.entries(map.meta)) meta.set(key, value);
    for (const name of COLLECTIONS) {
      for (const entity of Object.values(map[name])) createEntity(doc, name, entity as never);
    }
  }, origin);
}

/** A new doc holding `map` (a version preview, an import), not connected to anything. */
export function docFromMapDocument(map: MapDocument | null): Y.Doc {
  const doc = new Y.Doc();
  if (map) loadMapDocument(doc, map, SERVER_ORIGIN);
  return doc;
}

/** Run a command body as one local transaction (one undo step). */
export function change<T>(doc: Y.Doc, fn: () => T): T {
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, LOCAL_ORIGIN);
  return result;
}
