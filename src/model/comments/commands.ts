/**
 * Comment commands: pure functions over a map's comments Y.Doc, each one
 * transaction with LOCAL_ORIGIN (the same rules as the map doc: an entry is
 * created by `set` of a new nanoid key only, and updated in place).
 *
 * "Own" comments are decided by the participant id the caller passes in.
 * There are no accounts, so that id is self-declared and the rule is kept by
 * well-behaved clients, not by the server (docs/FORMAT.md says so).
 */
import * as Y from 'yjs';
import { change, newId } from '../doc';
import { mentionsIn } from './mentions';
import { commentsMap, parseComment, parseThread, threadsMap, type EntryMap } from './read';
import { MAX_COMMENT_LENGTH, MAX_NAME_LENGTH, ThreadTargetSchema, type CommentAuthor, type Mention, type ThreadTarget } from './schema';

const clean = (text: string): string => text.trim().slice(0, MAX_COMMENT_LENGTH).trim();

function newEntry(parent: Y.Map<EntryMap>, id: string, fields: Record<string, unknown>): void {
  // nanoid keys do not collide; the check keeps the "set creates only" rule honest.
  if (parent.has(id)) throw new Error(`entry ${id} already exists`);
  const entry: EntryMap = new Y.Map();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) entry.set(key, value);
  parent.set(id, entry);
}

/**
 * A new comment's time: now, but never before a comment already in the
 * thread. A reply sorts after what its writer was answering even when their
 * clock is behind the previous writer's.
 */
function nextTime(doc: Y.Doc, threadId: string): number {
  let latest = -1;
  commentsMap(doc).forEach((entry) => {
    const at = entry instanceof Y.Map && entry.get('threadId') === threadId ? entry.get('createdAt') : undefined;
    if (typeof at === 'number' && at > latest) latest = at;
  });
  return Math.max(Date.now(), Math.floor(latest) + 1);
}

function addComment(doc: Y.Doc, threadId: string, author: CommentAuthor, text: string, mentions: readonly Mention[]): string {
  const id = newId();
  newEntry(commentsMap(doc), id, {
    threadId,
    authorId: author.id,
    authorName: author.name.trim().slice(0, MAX_NAME_LENGTH),
    authorColor: author.color,
    text,
    createdAt: nextTime(doc, threadId),
    mentions: mentionsIn(text, mentions),
  });
  return id;
}

/** Start a thread on a card or on the whole map with its first comment; null if the text is empty. */
export function startThread(
  doc: Y.Doc,
  target: ThreadTarget,
  author: CommentAuthor,
  text: string,
  mentions: readonly Mention[] = [],
): { threadId: string; commentId: string } | null {
  const body = clean(text);
  if (!body || !ThreadTargetSchema.safeParse(target).success) return null;
  return change(doc, () => {
    const threadId = newId();
    newEntry(threadsMap(doc), threadId, { target, createdAt: Date.now(), createdBy: author.id, resolved: false });
    return { threadId, commentId: addComment(doc, threadId, author, body, mentions) };
  });
}

/** Reply to a thread (open or resolved); null if the thread is gone or the text is empty. */
export function reply(doc: Y.Doc, threadId: string, author: CommentAuthor, text: string, mentions: readonly Mention[] = []): string | null {
  const body = clean(text);
  if (!body) return null;
  return change(doc, () => (threadsMap(doc).has(threadId) ? addComment(doc, threadId, author, body, mentions) : null));
}

export type OwnResult = 'done' | 'not-found' | 'not-yours' | 'empty';

function ownComment(doc: Y.Doc, commentId: string, participantId: string): { entry: EntryMap; threadId: string } | OwnResult {
  const entry = commentsMap(doc).get(commentId);
  const comment = parseComment(commentId, entry);
  if (!comment || !entry) return 'not-found';
  if (comment.authorId !== participantId) return 'not-yours';
  return { entry, threadId: comment.threadId };
}

/** Change the text (and mentions) of one's own comment. */
export function editComment(
  doc: Y.Doc,
  commentId: string,
  participantId: string,
  text: string,
  mentions: readonly Mention[] = [],
): OwnResult {
  const body = clean(text);
  return change(doc, () => {
    const own = ownComment(doc, commentId, participantId);
    if (typeof own === 'string') return own;
    if (!body) return 'empty';
    own.entry.set('text', body);
    own.entry.set('mentions', mentionsIn(body, mentions));
    own.entry.set('editedAt', Date.now());
    return 'done';
  });
}

/** Delete one's own comment; the thread goes with its last comment (same step). */
export function deleteComment(doc: Y.Doc, commentId: string, participantId: string): OwnResult {
  return change(doc, () => {
    const own = ownComment(doc, commentId, participantId);
    if (typeof own === 'string') return own;
    const comments = commentsMap(doc);
    comments.delete(commentId);
    let others = false;
    comments.forEach((entry) => {
      if (entry instanceof Y.Map && entry.get('threadId') === own.threadId) others = true;
    });
    // A reply written at this moment elsewhere would land in a deleted thread
    // and not be shown; a set beats a delete, so re-creating the thread here
    // would not help either. Accepted: it needs two people acting at once on
    // a thread with one comment, and the author deleting it.
    if (!others) threadsMap(doc).delete(own.threadId);
    return 'done';
  });
}

/** Anyone may resolve a thread; false if it is gone. */
export function resolveThread(doc: Y.Doc, threadId: string, participantId: string): boolean {
  return change(doc, () => {
    const entry = threadsMap(doc).get(threadId);
    if (!parseThread(threadId, entry) || !entry) return false;
    entry.set('resolved', true);
    entry.set('resolvedBy', participantId);
    entry.set('resolvedAt', Date.now());
    return true;
  });
}

export function reopenThread(doc: Y.Doc, threadId: string): boolean {
  return change(doc, () => {
    const entry = threadsMap(doc).get(threadId);
    if (!parseThread(threadId, entry) || !entry) return false;
    entry.set('resolved', false);
    entry.delete('resolvedBy');
    entry.delete('resolvedAt');
    return true;
  });
}
