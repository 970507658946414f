/**
 * Reading the comments doc: entries are validated (any y-websocket client can
 * write anything into the room) and invalid ones skipped; threads are grouped
 * with their comments into a snapshot that the readers below query.
 */
import * as Y from 'yjs';
import { entityToJSON } from '../doc';
import { cardIdOf, CommentSchema, ThreadSchema, type Comment, type CommentAuthor, type Thread, type ThreadTarget } from './schema';

export type EntryMap = Y.Map<unknown>;

export const threadsMap = (doc: Y.Doc): Y.Map<EntryMap> => doc.getMap<EntryMap>('threads');
export const commentsMap = (doc: Y.Doc): Y.Map<EntryMap> => doc.getMap<EntryMap>('comments');

export function parseThread(id: string, entry: unknown): Thread | null {
  if (!(entry instanceof Y.Map)) return null;
  const parsed = ThreadSchema.safeParse({ ...entityToJSON(entry), id });
  return parsed.success ? parsed.data : null;
}

export function parseComment(id: string, entry: unknown): Comment | null {
  if (!(entry instanceof Y.Map)) return null;
  const parsed = CommentSchema.safeParse({ ...entityToJSON(entry), id });
  return parsed.success ? parsed.data : null;
}

export interface CommentThread extends Thread {
  /** oldest first; never empty (a thread without comments is not shown) */
  comments: readonly Comment[];
  /** createdAt of the newest comment */
  lastActivity: number;
}

export interface CommentsSnapshot {
  /** every shown thread, oldest first */
  threads: readonly CommentThread[];
  /** unresolved threads, most recently active first */
  open: readonly CommentThread[];
  /** threads by target, oldest first */
  byTarget: ReadonlyMap<ThreadTarget, readonly CommentThread[]>;
  /** card id -> comments in its open threads */
  openCountByCard: ReadonlyMap<string, number>;
  /** everyone who has commented, with the name and colour of their latest comment */
  authors: readonly CommentAuthor[];
}

const byTime = <T extends { createdAt: number; id: string }>(a: T, b: T) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const THREAD_FIELDS = Object.keys(ThreadSchema.shape) as (keyof Thread)[];

const sameItems = <T>(a: readonly T[] | undefined, b: readonly T[]): a is readonly T[] =>
  !!a && a.length === b.length && a.every((x, i) => x === b[i]);
/** The previous array when it holds the same objects, so subscribers see no change. */
const keep = <T>(prev: readonly T[] | undefined, next: readonly T[]): readonly T[] => (sameItems(prev, next) ? prev : next);

/**
 * Group parsed threads and comments. Unchanged threads (same entity, same
 * comment objects) keep their object from `prev`, and so do unchanged lists.
 */
export function buildSnapshot(
  threads: Iterable<Thread>,
  comments: Iterable<Comment>,
  prev: CommentsSnapshot | null = null,
): CommentsSnapshot {
  const grouped = new Map<string, Comment[]>();
  for (const c of comments) {
    const list = grouped.get(c.threadId);
    if (list) list.push(c);
    else grouped.set(c.threadId, [c]);
  }
  const prevById = new Map(prev?.threads.map((t) => [t.id, t]));
  const shown: CommentThread[] = [];
  for (const thread of threads) {
    const list = grouped.get(thread.id);
    if (!list) continue;
    list.sort(byTime);
    const old = prevById.get(thread.id);
    if (old && sameItems(old.comments, list) && THREAD_FIELDS.every((k) => old[k] === thread[k])) {
      shown.push(old);
    } else {
      shown.push({ ...thread, comments: list, lastActivity: list[list.length - 1]!.createdAt });
    }
  }
  shown.sort(byTime);

  const open = shown.filter((t) => !t.resolved).sort((a, b) => b.lastActivity - a.lastActivity || byTime(a, b));
  const byTarget = new Map<ThreadTarget, CommentThread[]>();
  const openCountByCard = new Map<string, number>();
  const authors = new Map<string, CommentAuthor & { at: number }>();
  for (const t of shown) {
    const list = byTarget.get(t.target);
    if (list) list.push(t);
    else byTarget.set(t.target, [t]);
    const cardId = cardIdOf(t.target);
    if (cardId && !t.resolved) openCountByCard.set(cardId, (openCountByCard.get(cardId) ?? 0) + t.comments.length);
    for (const c of t.comments) {
      const known = authors.get(c.authorId);
      if (!known || known.at <= c.createdAt)
        authors.set(c.authorId, { id: c.authorId, name: c.authorName, color: c.authorColor, at: c.createdAt });
    }
  }
  const authorList = [...authors.values()].filter((a) => a.name).map(({ id, name, color }) => ({ id, name, color }));
  const prevAuthors = prev?.authors;
  const authorsSame =
    !!prevAuthors &&
    prevAuthors.length === authorList.length &&
    prevAuthors.every((a, i) => a.id === authorList[i]!.id && a.name === authorList[i]!.name && a.color === authorList[i]!.color);

  return {
    threads: keep(prev?.threads, shown),
    open: keep(prev?.open, open),
    byTarget: new Map([...byTarget].map(([target, list]) => [target, keep(prev?.byTarget.get(target), list)])),
    openCountByCard,
    authors: authorsSame ? prevAuthors : authorList,
  };
}

/** The whole comments doc, read once (tests, one-off reads; the UI uses the live view). */
export function readComments(doc: Y.Doc): CommentsSnapshot {
  const threads: Thread[] = [];
  threadsMap(doc).forEach((entry, id) => {
    const t = parseThread(id, entry);
    if (t) threads.push(t);
  });
  const comments: Comment[] = [];
  commentsMap(doc).forEach((entry, id) => {
    const c = parseComment(id, entry);
    if (c) comments.push(c);
  });
  return buildSnapshot(threads, comments);
}

const NONE: readonly CommentThread[] = [];

/** Threads about a target ("map" or "card:<id>"), oldest first, resolved ones included. */
export const threadsFor = (s: CommentsSnapshot, target: ThreadTarget): readonly CommentThread[] => s.byTarget.get(target) ?? NONE;

/** Unresolved threads across the map, most recently active first. */
export const openThreads = (s: CommentsSnapshot): readonly CommentThread[] => s.open;

/** Comments in the card's open threads (what its badge shows). */
export const commentCount = (s: CommentsSnapshot, cardId: string): number => s.openCountByCard.get(cardId) ?? 0;

/** Open threads in which someone else mentions the participant. */
export const mentionsOf = (s: CommentsSnapshot, participantId: string): CommentThread[] =>
  s.open.filter((t) => t.comments.some((c) => c.authorId !== participantId && mentions(c, participantId)));

export const mentions = (c: Comment, participantId: string): boolean => c.mentions.some((m) => m.id === participantId);

export function findThread(s: CommentsSnapshot, threadId: string): CommentThread | undefined {
  return s.threads.find((t) => t.id === threadId);
}
