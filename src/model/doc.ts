/**
 * Typed access to a map's Y.Doc. The doc is the only truth for map content:
 * root `meta` (a Y.Map of fields) and one Y.Map per collection, id -> Y.Map of
 * the entity's fields. Readers validate entries (a stock y-websocket client
 * may write anything) and repair what does not parse (repair.ts), skipping
 * only entries whose identity is unreadable; writers go through commands/,
 * each one transaction with LOCAL_ORIGIN, and every write is checked against
 * the schema first (writeChecks.ts).
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
import { readRepaired } from './repair';
import { READ_DEFAULTS } from './readDefaults';
import { checkEntity, checkFields } from './writeChecks';
import { sortOrdered } from './order';
import { readRounds, roundsMap } from './rounds/read';
import { isSharedTextField, writeSharedText } from './sharedText';
import { withScoredPersonas } from './personaScores';

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

/**
 * A card's persona scores live in a Y.Map every card has from its creation
 * (FORMAT.md, v4); an empty one is a card without scores, and reads as no
 * field, as a v3 card without them does.
 */
const isEmptyScoreMap = (key: string, value: unknown): boolean => key === 'personaEmotions' && value instanceof Y.Map && value.size === 0;

export function entityToJSON(entry: EntityMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  entry.forEach((value, key) => {
    if (!isEmptyScoreMap(key, value)) out[key] = plain(value);
  });
  return out;
}

/** A nested Y.Map holding a record's entries (a card's votes or persona scores). */
function recordMap(record: Readonly<Record<string, number>> | undefined): Y.Map<number> {
  const map = new Y.Map<number>();
  for (const [key, n] of Object.entries(record ?? {})) map.set(key, n);
  return map;
}

/** An entity as readers show it, and the fields that had to be mended to show it (empty when none). */
export interface EntityRead<N extends CollectionName> {
  entity: EntityByCollection[N];
  repaired: readonly string[];
}

/**
 * One collection entry read as its entity: validated, and repaired when a
 * field is bad (repair.ts). Null when it is not an entity at all: not a
 * Y.Map, or its identity (its key as id, a card's lane or stage id) is not
 * readable.
 */
export function readEntry<N extends CollectionName>(name: N, id: string, entry: unknown): EntityRead<N> | null {
  if (!(entry instanceof Y.Map)) return null;
  const read = readRepaired<EntityByCollection[N]>(ENTITY_SCHEMAS[name], { ...entityToJSON(entry), id }, READ_DEFAULTS[name]);
  return read && { entity: read.value, repaired: read.repaired };
}

export function parseEntry<N extends CollectionName>(name: N, id: string, entry: EntityMap): EntityByCollection[N] | null {
  return readEntry(name, id, entry)?.entity ?? null;
}

/** One entity as readers show it; null when missing or not readable (see readEntry). */
export function readEntity<N extends CollectionName>(doc: Y.Doc, name: N, id: string): EntityByCollection[N] | null {
  return readEntry(name, id, collection(doc, name).get(id))?.entity ?? null;
}

/** Every readable entity of a collection, in display order. */
export function listEntities<N extends CollectionName>(doc: Y.Doc, name: N): EntityByCollection[N][] {
  const out: EntityByCollection[N][] = [];
  collection(doc, name).forEach((entry, id) => {
    const entity = parseEntry(name, id, entry);
    if (entity) out.push(entity);
  });
  return sortOrdered(out);
}

/** The map's meta as readers show it, and the fields that had to be mended. */
export interface MetaRead {
  meta: Meta;
  repaired: readonly string[];
}

/**
 * Meta, repaired like an entity. Its identity is `schemaVersion`: a meta of
 * another version (not migrated yet, or newer than this reader) is in a
 * format this reader does not know, so it is not read (null), nor is an empty
 * one (a doc that has not loaded).
 */
export function readMetaEntry(doc: Y.Doc): MetaRead | null {
  const raw = metaMap(doc).toJSON() as Record<string, unknown>;
  if (raw.schemaVersion !== SCHEMA_VERSION) return null;
  const read = readRepaired<Meta>(MetaSchema, raw, READ_DEFAULTS.meta);
  return read && { meta: read.value, repaired: read.repaired };
}

export function readMeta(doc: Y.Doc): Meta | null {
  return readMetaEntry(doc)?.meta ?? null;
}

/**
 * Create an entity: the only place a collection key is `set`. Setting an
 * existing key would resurrect an entry another user just deleted, so it is
 * refused, and so is an entity the schema refuses (InvalidWriteError, before
 * anything is written). Call inside a transaction.
 */
export function createEntity<N extends CollectionName>(doc: Y.Doc, name: N, entity: EntityByCollection[N]): EntityMap {
  const valid = checkEntity(name, entity);
  const coll = collection(doc, name);
  if (coll.has(entity.id)) throw new Error(`${name} ${entity.id} already exists`);
  const entry: EntityMap = new Y.Map();
  // Every card gets its score map now, scored or not: one created later by two people at once would lose one's score.
  if (name === 'cards') entry.set('personaEmotions', recordMap((valid as EntityByCollection['cards']).personaEmotions));
  for (const [key, value] of Object.entries(valid)) {
    if (value === undefined || key === 'id' || key === 'personaEmotions') continue;
    if (key === 'votes') {
      entry.set(key, recordMap(value as Record<string, number>));
    } else if (isSharedTextField(name, key)) {
      entry.set(key, new Y.Text(value as string));
    } else {
      entry.set(key, value);
    }
  }
  coll.set(entity.id, entry);
  return entry;
}

/**
 * Update fields in place on the entity's own Y.Map; false if it is gone. An
 * `undefined` value deletes the field. Each field is checked against its
 * schema first: a patch with one bad field writes nothing (InvalidWriteError).
 */
export function updateEntity<N extends CollectionName>(
  doc: Y.Doc,
  name: N,
  id: string,
  patch: Partial<Omit<EntityByCollection[N], 'id' | 'votes' | 'personaEmotions'>>,
): boolean {
  const fields = Object.entries(patch);
  const plainFields = fields.filter(([key]) => !isSharedTextField(name, key));
  // A shared text's new string is checked by writeSharedText (a shortening write past the limit is allowed); anything else here.
  checkFields(name, Object.fromEntries(fields.filter(([key, value]) => !isSharedTextField(name, key) || typeof value !== 'string')));
  const entry = collection(doc, name).get(id);
  if (!(entry instanceof Y.Map)) return false;
  // Shared text first: it checks its own result (sharedText.ts) and must refuse before anything is written.
  for (const [key, value] of fields) {
    if (!isSharedTextField(name, key)) continue;
    if (value === undefined) entry.delete(key);
    else writeSharedText(name, entry, key, value as string);
  }
  for (const [key, value] of plainFields) {
    if (value === undefined) entry.delete(key);
    else if (entry.get(key) !== value) entry.set(key, value);
  }
  return true;
}

/**
 * Write a shared text field (a card's text) as the splice from `base`, the
 * text the writer's edit started from, to `next`: what others typed since
 * `base` stays (sharedText.ts). False if the entity is gone.
 */
export function editSharedText(doc: Y.Doc, name: CollectionName, id: string, key: string, next: string, base?: string): boolean {
  const entry = collection(doc, name).get(id);
  if (!(entry instanceof Y.Map)) return false;
  return writeSharedText(name, entry, key, next, base);
}

/** Set (or, with `undefined`, delete) meta fields, each checked against its schema first (InvalidWriteError). */
export function updateMeta(doc: Y.Doc, patch: Partial<Omit<Meta, 'schemaVersion'>>): void {
  checkFields('meta', patch);
  const meta = metaMap(doc);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) meta.delete(key);
    else if (meta.get(key) !== value) meta.set(key, value);
  }
}

export function deleteEntity(doc: Y.Doc, name: CollectionName, id: string): boolean {
  const coll = collection(doc, name);
  if (!coll.has(id)) return false;
  coll.delete(id);
  return true;
}

/**
 * The doc as plain JSON in the open format, as readers show it: entities and
 * meta repaired (readEntry), cards whose lane or stage is gone (a card added
 * concurrently with deleting its stage) and references to a deleted persona
 * (from cards or from meta) and an opportunity's ids of deleted cards dropped, so the result always validates (JSON
 * export, duplicates and versions of a map some other program wrote bad
 * fields into included). Throws when meta is unreadable (readMetaEntry).
 */
export function docToMapDocument(doc: Y.Doc): MapDocument {
  const meta = readMeta(doc);
  if (!meta) throw new Error('map has no valid meta');
  const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.id, i]));
  const personas = byId(listEntities(doc, 'personas'));
  const stages = byId(listEntities(doc, 'stages'));
  const lanes = byId(listEntities(doc, 'lanes'));
  // Following a persona that someone deleted at the same moment: follow none.
  const { personaId, ...rest } = meta;
  const cleanMeta = personaId !== undefined && personas[personaId] ? meta : rest;
  const cards = byId(
    listEntities(doc, 'cards')
      .filter((c) => stages[c.stageId] && lanes[c.laneId])
      .map((c) => (c.personaId && !personas[c.personaId] ? { ...c, personaId: undefined } : c))
      .map((c) => withScoredPersonas(c, personas, cleanMeta === meta ? personaId : undefined)),
  );
  for (const card of Object.values(cards)) {
    if (card.personaId === undefined) delete card.personaId;
    // An opportunity realised by a card that is gone: readers ignore the id, and so does the file.
    if (card.realisedBy?.some((id) => !cards[id])) {
      const kept = card.realisedBy.filter((id) => cards[id]);
      if (kept.length) card.realisedBy = kept;
      else delete card.realisedBy;
    }
  }
  // Revealed rounds only: a running one's cards and votes are in private documents, which no export carries.
  const revealed = readRounds(doc).filter((r) => r.state === 'revealed');
  const rounds = revealed.length > 0 ? { rounds: byId(revealed) } : {};
  return { schemaVersion: SCHEMA_VERSION, meta: cleanMeta, personas, stages, lanes, cards, ...rounds };
}

/** Fill an empty doc from a (validated) map document, in one transaction. */
export function loadMapDocument(doc: Y.Doc, map: MapDocument, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    for (const [key, value] of Object.entries(map.meta)) meta.set(key, value);
    for (const name of COLLECTIONS) {
      for (const entity of Object.values(map[name])) createEntity(doc, name, entity as never);
    }
    for (const round of Object.values(map.rounds ?? {})) {
      const entry = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(round)) if (value !== undefined) entry.set(key, value);
      roundsMap(doc).set(round.id, entry);
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
