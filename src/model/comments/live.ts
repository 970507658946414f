/**
 * A read-only, observable view of a comments doc for renderers, on the same
 * engine as ../live.ts for the map (../liveView.ts): entries are re-parsed
 * only when a transaction touched them, and unchanged threads and lists keep
 * their objects, so a card badge or a thread re-renders only when its own
 * comments change.
 */
import type * as Y from 'yjs';
import { createLiveView, type LiveView } from '../liveView';
import { buildSnapshot, commentsMap, parseComment, parseThread, threadsMap, type CommentsSnapshot } from './read';
import type { Comment, Thread } from './schema';

export type LiveComments = LiveView<CommentsSnapshot>;

export function createLiveComments(doc: Y.Doc): LiveComments {
  const threads = new Map<string, Thread>();
  const comments = new Map<string, Comment>();
  const watch = <T>(root: Y.Map<Y.Map<unknown>>, cache: Map<string, T>, parse: (id: string, entry: unknown) => T | null) => ({
    map: root,
    refresh(id: string) {
      const parsed = parse(id, root.get(id));
      if (parsed) cache.set(id, parsed);
      else cache.delete(id);
    },
  });
  return createLiveView(doc, {
    collections: [watch(threadsMap(doc), threads, parseThread), watch(commentsMap(doc), comments, parseComment)],
    build: (previous) => buildSnapshot(threads.values(), comments.values(), previous),
  });
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
