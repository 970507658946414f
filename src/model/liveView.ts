/**
 * The one engine behind every live, read-only view of a Y.Doc (the map in
 * live.ts, the comments in comments/live.ts): it watches collections of
 * entries (Y.Map id -> Y.Map of fields) and plain maps, tells the view which
 * entries a transaction touched, and notifies subscribers once per
 * transaction that changed something the view cares about. The snapshot is
 * rebuilt lazily, on the first getSnapshot after a change, so a burst of
 * transactions costs one build. Framework-free: React subscribes through
 * useSyncExternalStore.
 */
import type * as Y from 'yjs';

export interface LiveView<S> {
  getSnapshot(): S;
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

/** A collection whose entries the view re-reads one by one. */
export interface WatchedCollection {
  map: Y.Map<Y.Map<unknown>>;
  /** the entry `id` was added, changed or removed: read it again */
  refresh(id: string): void;
}

/** A map read as a whole (the map's meta): the view only learns that it changed. */
export interface WatchedMap {
  map: Y.Map<unknown>;
  changed(): void;
}

export interface LiveViewSpec<S> {
  collections: readonly WatchedCollection[];
  maps?: readonly WatchedMap[];
  /** The snapshot after a change; `previous` lets it keep unchanged parts the same objects. */
  build(previous: S | null): S;
}

/** The ids of a collection's entries that these deep events touched. */
function touchedIds(root: Y.Map<Y.Map<unknown>>, events: Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const touched = new Set<string>();
  for (const event of events) {
    if (event.target === root) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) touched.add(key);
    else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
  }
  return touched;
}

export function createLiveView<S>(doc: Y.Doc, spec: LiveViewSpec<S>): LiveView<S> {
  const listeners = new Set<() => void>();
  // Dirty from the start: the first getSnapshot builds.
  let dirty = true;
  let snapshot: S | null = null;
  let last: S | null = null;

  const offs: (() => void)[] = [];
  for (const { map, refresh } of spec.collections) {
    map.forEach((_, id) => refresh(id));
    const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      for (const id of touchedIds(map, events)) refresh(id);
      dirty = true;
    };
    map.observeDeep(observer);
    offs.push(() => map.unobserveDeep(observer));
  }
  for (const { map, changed } of spec.maps ?? []) {
    const observer = () => {
      changed();
      dirty = true;
    };
    map.observe(observer);
    offs.push(() => map.unobserve(observer));
  }

  // Observers run before afterTransaction: one notice per transaction, after all of them.
  const onAfterTransaction = (tr: Y.Transaction) => {
    if (tr.changed.size === 0 || !dirty) return;
    snapshot = null;
    for (const l of listeners) l();
  };
  doc.on('afterTransaction', onAfterTransaction);

  return {
    getSnapshot() {
      if (snapshot === null) {
        snapshot = dirty || last === null ? spec.build(last) : last;
        dirty = false;
        last = snapshot;
      }
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      offs.forEach((off) => off());
      doc.off('afterTransaction', onAfterTransaction);
      listeners.clear();
    },
  };
}
