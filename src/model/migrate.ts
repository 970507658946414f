/**
 * Bringing older data up to SCHEMA_VERSION, for both shapes the format has:
 * a plain JSON map (import, API) and a live Y.Doc (stored maps). Each step
 * upgrades one version, so a v1 file passes through every later step.
 *
 * v1 -> v2: meta gains `votesPerParticipant` (default 5) and may name the
 * persona the map follows; personas gain `segment`; cards may carry
 * `severity` and `direction`; every card gets its `votes` map up front.
 *
 * v2 -> v3: a card's `text` is a Y.Text in the doc (co-edited character by
 * character); the JSON form is unchanged apart from the version.
 *
 * v3 -> v4: cards may score each persona (`personaEmotions`, a nested Y.Map
 * in the doc that every card gets up front, as `votes` in v2). Cards may
 * also carry the other optional v4 fields (docs/FORMAT.md); the JSON form is
 * unchanged apart from the version: a v3 map has none of them.
 */
import * as Y from 'yjs';
import { collection, metaMap, type EntityMap } from './doc';
import { DEFAULT_VOTES_PER_PARTICIPANT, SCHEMA_VERSION } from './schema';

export class UnsupportedVersionError extends Error {
  constructor(readonly version: unknown) {
    super(
      typeof version === 'number' && version > SCHEMA_VERSION
        ? `schemaVersion ${version} was written by a newer Journeyboard (this one reads up to ${SCHEMA_VERSION})`
        : `schemaVersion ${JSON.stringify(version)} is not a Journeyboard format version`,
    );
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const versionOnly = (map: Json, version: number): Json => ({
  ...map,
  schemaVersion: version,
  meta: isObject(map.meta) ? { ...map.meta, schemaVersion: version } : map.meta,
});

/** JSON steps: each takes version n and returns version n + 1. Unknown shapes pass through for zod to report. */
const JSON_STEPS: Record<number, (map: Json) => Json> = {
  1: (map) => {
    const meta = isObject(map.meta) ? { ...map.meta, schemaVersion: 2, votesPerParticipant: DEFAULT_VOTES_PER_PARTICIPANT } : map.meta;
    const personas = isObject(map.personas)
      ? Object.fromEntries(
          Object.entries(map.personas).map(([id, p]) => [id, isObject(p) && p.segment === undefined ? { ...p, segment: '' } : p]),
        )
      : map.personas;
    return { ...map, schemaVersion: 2, meta, personas };
  },
  2: (map) => versionOnly(map, 3),
  3: (map) => versionOnly(map, 4),
};

/**
 * Upgrades a parsed JSON map of any readable version to SCHEMA_VERSION (the
 * result still has to be validated). Throws UnsupportedVersionError.
 */
export function migrateMapJSON(input: unknown): unknown {
  if (!isObject(input)) return input;
  let map = input;
  let version = map.schemaVersion;
  while (version !== SCHEMA_VERSION) {
    const step = typeof version === 'number' ? JSON_STEPS[version] : undefined;
    if (!step) throw new UnsupportedVersionError(version);
    map = step(map);
    version = map.schemaVersion;
  }
  return map;
}

/** Y.Doc steps: each upgrades a doc from version n to n + 1 in place. */
const DOC_STEPS: Record<number, (doc: Y.Doc) => void> = {
  1: (doc) => {
    const meta = metaMap(doc);
    if (meta.get('votesPerParticipant') === undefined) meta.set('votesPerParticipant', DEFAULT_VOTES_PER_PARTICIPANT);
    collection(doc, 'personas').forEach((persona) => {
      if (persona instanceof Y.Map && persona.get('segment') === undefined) persona.set('segment', '');
    });
    collection(doc, 'cards').forEach((card: EntityMap) => {
      if (card instanceof Y.Map && !(card.get('votes') instanceof Y.Map)) card.set('votes', new Y.Map<number>());
    });
    meta.set('schemaVersion', 2);
  },
  2: (doc) => {
    collection(doc, 'cards').forEach((card: EntityMap) => {
      // A text that is not a string is left for readers to repair; only a string has characters to share.
      if (card instanceof Y.Map && typeof card.get('text') === 'string') card.set('text', new Y.Text(card.get('text') as string));
    });
    metaMap(doc).set('schemaVersion', 3);
  },
  3: (doc) => {
    // Created here, once, by the server: a map created by each client's first score would keep only one of two concurrent ones.
    collection(doc, 'cards').forEach((card: EntityMap) => {
      if (card instanceof Y.Map && !(card.get('personaEmotions') instanceof Y.Map)) card.set('personaEmotions', new Y.Map<number>());
    });
    metaMap(doc).set('schemaVersion', 4);
  },
};

/**
 * Upgrades a stored map's doc to SCHEMA_VERSION in one transaction; returns
 * whether anything changed. Only the server runs this, once, when it loads a
 * map and before any client syncs: the new items (the votes and persona
 * score maps above all) must exist once, not once per client that happened
 * to migrate.
 */
export function migrateDoc(doc: Y.Doc, origin: unknown): boolean {
  const version = metaMap(doc).get('schemaVersion');
  if (version === SCHEMA_VERSION || version === undefined) return false;
  if (typeof version !== 'number' || !DOC_STEPS[version]) throw new UnsupportedVersionError(version);
  doc.transact(() => {
    let v = metaMap(doc).get('schemaVersion') as number;
    while (v !== SCHEMA_VERSION) {
      DOC_STEPS[v]!(doc);
      v = metaMap(doc).get('schemaVersion') as number;
    }
  }, origin);
  return true;
}
