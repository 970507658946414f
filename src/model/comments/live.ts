/**
 * A read-only, observable view of a comments doc for renderers, like
 * ../live.ts for the map: entries are re-parsed only when a transaction
 * touched them, and unchanged threads and lists keep their objects, so a card
 * badge or a thread re-renders only when its own comments change.
 * Framework-free; React subscribes through useSyncExternalStore.
 */
import type * as Y from 'yjs';
import { buildSnapshot, commentsMap, parseComment, parseThread, threadsMap, type CommentsSnapshot } from './read';
import type { Comment, Thread } from './schema';

export interface LiveComments {
  getSnapshot(): CommentsSnapshot;
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

export function createLiveComments(doc: Y.Doc): LiveComments {
  const threads = new Map<string, Thread>();
  const comments = new Map<string, Comment>();
  const listeners = new Set<() => void>();
  let dirty = true;
  let snapshot: CommentsSnapshot | null = null;

  const watch = <T>(root: Y.Map<Y.Map<unknown>>, cache: Map<string, T>, parse: (id: string, entry: unknown) => T | null) => {
    const refresh = (id: string) => {
      const parsed = parse(id, root.get(id));
      if (parsed) cache.set(id, parsed);
      else cache.delete(id);
      dirty = true;
    };
    root.forEach((_, id) => refresh(id));
    const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const touched = new Set<string>();
      for (const event of events) {
        if (event.target === root) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) touched.add(key);
        else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
      }
      touched.forEach(refresh);
    };
    root.observeDeep(observer);
    return () => root.unobserveDeep(observer);
  };
  const offThreads = watch(threadsMap(doc), threads, parseThread);
  const offComments = watch(commentsMap(doc), comments, parseComment);

  // Notify once per transaction, after all observers ran.
  const onAfterTransaction = () => {
    if (!dirty) return;
    snapshot = null;
    for (const l of listeners) l();
  };
  doc.on('afterTransaction', onAfterTransaction);

  let last: CommentsSnapshot | null = null;
  const live: LiveComments = {
    getSnapshot() {
      if (!snapshot) {
        snapshot = dirty || !last ? buildSnapshot(threads.values(), comments.values(), last) : last;
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
      offThreads();
      offComments();
      doc.off('afterTransaction', onAfterTransaction);
      listeners.clear();
    },
  };
  return live;
}

const views = new WeakMap<Y.Doc, LiveComments>();

/**
 * The one live view of a comments doc, made on first use and dropped with the
 * doc: cards, the panel and the tab all share it without anyone owning it.
 */
export function liveComments(doc: Y.Doc): LiveComments {
  let view = views.get(doc);
  if (!view) {
    const created = createLiveComments(doc);
    views.set(doc, created);
    doc.once('destroy', () => {
      created.destroy();
      views.delete(doc);
    });
    view = created;
  }
  return view;
}
