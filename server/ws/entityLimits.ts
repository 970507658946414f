/**
 * Whether an update would take a collection of a document past its limit
 * (MAP_LIMITS for a map), decided before the update is applied. Commands
 * refuse to go past the limits themselves; this is the server's rule for
 * every other writer, so one socket cannot grow a map without bound.
 */
import * as Y from 'yjs';
import type { DecodedUpdate } from './dependencies';

/** The root map `name`, or null if the document holds something else under that name. */
function rootMap(doc: Y.Doc, name: string): Y.Map<unknown> | null {
  try {
    return doc.getMap(name);
  } catch {
    return null;
  }
}

/**
 * The first collection (a root Y.Map of `doc`) that would hold more entries
 * than `limits` allows once the update is in, or null.
 *
 * A struct that sets a key of a root map for the first time has no origin
 * (a later value of the same key is chained to the previous one), so new
 * entries are counted without applying anything. Structs the document
 * already has are not new.
 */
export function collectionOverLimit(doc: Y.Doc, { structs }: DecodedUpdate, limits: Readonly<Record<string, number>>): string | null {
  const added = new Map<string, Set<string>>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || struct.origin !== null || struct.parentSub === null) continue;
    const parent = struct.parent;
    if (typeof parent !== 'string' || !Object.hasOwn(limits, parent)) continue;
    if (struct.id.clock < Y.getState(doc.store, struct.id.client)) continue;
    let keys = added.get(parent);
    if (!keys) added.set(parent, (keys = new Set()));
    keys.add(struct.parentSub);
  }
  for (const [name, keys] of added) {
    const existing = rootMap(doc, name);
    // _map holds every key ever set, deleted ones too: those are not new keys.
    const fresh = existing ? [...keys].filter((k) => !existing._map.has(k)).length : keys.size;
    if (fresh === 0) continue;
    if ((existing?.size ?? 0) + fresh > limits[name]!) return name;
  }
  return null;
}
