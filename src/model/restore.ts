/**
 * Restoring a map to a saved version, as a new change on top of the
 * current document, never a rewind: the document's history, everyone's undo
 * stack (which tracks only their own LOCAL_ORIGIN changes) and edits made
 * offline stay valid, and merge with the restore like any remote change.
 *
 * The restore is field-level: an entity the version has and the document
 * lacks is created (its key is absent, so this brings back a card deleted
 * since, without resurrecting anything deleted concurrently); an entity the
 * version lacks is deleted; an entity both have gets only the fields that
 * differ. So a colleague's concurrent edit of another card, or of another
 * field of the same card, survives the restore.
 */
import * as Y from 'yjs';
import { collection, createEntity, deleteEntity, metaMap, updateEntity, type EntityMap } from './doc';
import { COLLECTIONS, SCHEMA_VERSION, type CollectionName, type EntityByCollection, type MapDocument } from './schema';

/** Meta fields a restore leaves as they are: when the map was made, and the format the live document is in. */
const KEPT_META = new Set(['createdAt', 'schemaVersion']);
/**
 * Meta fields a restore never touches: who owns the map, its review cadence
 * and when it was last reviewed are about the map, not its content
 * (docs/FORMAT.md, "Owners and freshness"); restoring the content from
 * before a review does not take the review back, nor hand the map back to
 * a former owner.
 */
const LIVE_META = new Set(['owner', 'reviewEveryDays', 'lastReviewedAt']);

const plain = (v: unknown): unknown => (v instanceof Y.AbstractType ? v.toJSON() : v);

/** Structural equality of plain JSON values (fields are strings, numbers, booleans, arrays of strings). */
export function sameValue(a: unknown, b: unknown): boolean {
  a = plain(a);
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameValue(x, bs[i]));
  }
  const ak = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bk = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function restoreMeta(doc: Y.Doc, target: MapDocument['meta'], now: number): void {
  const meta = metaMap(doc);
  const wanted: Record<string, unknown> = { ...target, updatedAt: now };
  for (const key of [...meta.keys()]) {
    if (!KEPT_META.has(key) && !LIVE_META.has(key) && wanted[key] === undefined) meta.delete(key);
  }
  for (const [key, value] of Object.entries(wanted)) {
    if (value === undefined || LIVE_META.has(key)) continue;
    // Kept, unless missing altogether (a document some other program wrote).
    if (KEPT_META.has(key) && meta.get(key) !== undefined) continue;
    const next = key === 'schemaVersion' ? SCHEMA_VERSION : value;
    if (!sameValue(meta.get(key), next)) meta.set(key, next);
  }
}

/** A card's fields held in a nested Y.Map created with the card (FORMAT.md): restored entry by entry, never replaced. */
const NESTED_CARD_RECORDS = ['votes', 'personaEmotions'] as const;
const isNestedCardRecord = (name: CollectionName, key: string): boolean =>
  name === 'cards' && (NESTED_CARD_RECORDS as readonly string[]).includes(key);

/**
 * A card's votes (participant -> count) or persona scores (persona ->
 * score), key by key inside the card's existing map: replacing the map would
 * drop a vote cast, or a persona scored, at the same moment.
 */
function restoreNestedRecord(entry: EntityMap, key: string, target: Record<string, number> | undefined): void {
  const map = entry.get(key);
  if (!(map instanceof Y.Map)) {
    // Only a card written by another program lacks the map; ours create it with the card.
    if (map !== undefined) entry.delete(key);
    if (target !== undefined || key === 'personaEmotions') entry.set(key, new Y.Map(Object.entries(target ?? {})));
    return;
  }
  // A version without the field empties the map but keeps it (see FORMAT.md: created with the card, once).
  const wanted = target ?? {};
  for (const k of [...map.keys()]) if (wanted[k] === undefined) map.delete(k);
  for (const [k, n] of Object.entries(wanted)) if (map.get(k) !== n) map.set(k, n);
}

function restoreEntity<N extends CollectionName>(doc: Y.Doc, name: N, entry: EntityMap, entity: EntityByCollection[N]): void {
  const fields = entity as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  let changed = false;
  for (const key of entry.keys()) {
    if (!isNestedCardRecord(name, key) && fields[key] === undefined) {
      patch[key] = undefined; // updateEntity deletes it
      changed = true;
    }
  }
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'id' || isNestedCardRecord(name, key) || value === undefined) continue;
    if (!sameValue(entry.get(key), value)) {
      patch[key] = value;
      changed = true;
    }
  }
  if (changed) updateEntity(doc, name, entity.id, patch as never);
  if (name !== 'cards') return;
  const card = entity as EntityByCollection['cards'];
  restoreNestedRecord(entry, 'votes', card.votes);
  restoreNestedRecord(entry, 'personaEmotions', card.personaEmotions);
}

function restoreCollection<N extends CollectionName>(doc: Y.Doc, name: N, target: Record<string, EntityByCollection[N]>): void {
  const coll = collection(doc, name);
  for (const id of [...coll.keys()]) if (!Object.hasOwn(target, id)) deleteEntity(doc, name, id);
  for (const [id, entity] of Object.entries(target)) {
    const entry = coll.get(id);
    if (entry instanceof Y.Map) {
      restoreEntity(doc, name, entry, entity);
      continue;
    }
    // Absent (deleted since the version): created afresh. Not a Y.Map (garbage
    // some other program wrote): replaced, there is nothing to update in place.
    if (entry !== undefined) deleteEntity(doc, name, id);
    createEntity(doc, name, entity);
  }
}

/**
 * Makes the document's content equal `target` (a validated map, e.g. a
 * saved version as docToMapDocument gives it), in ONE transaction with
 * `origin`. Meta keeps `createdAt` and `schemaVersion` and gets
 * `updatedAt: now`; everything else follows the target.
 */
export function restoreContent(doc: Y.Doc, target: MapDocument, origin: unknown, now: number = Date.now()): void {
  doc.transact(() => {
    restoreMeta(doc, target.meta, now);
    for (const name of COLLECTIONS) restoreCollection(doc, name, target[name] as Record<string, EntityByCollection[typeof name]>);
  }, origin);
}
