import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  cardTarget,
  commentCount,
  createLiveComments,
  deleteComment,
  editComment,
  liveComments,
  MAP_TARGET,
  mentionQuery,
  mentionsIn,
  mentionsOf,
  openThreads,
  readComments,
  reopenThread,
  reply,
  resolveThread,
  splitMentions,
  startThread,
  threadsFor,
  type CommentAuthor,
} from '../../../src/model/comments';
import { LOCAL_ORIGIN } from '../../../src/model/doc';
import { sync } from '../../fixtures/model';

const anna: CommentAuthor = { id: 'anna-participant-0001', name: 'Anna', color: '#e5484d' };
const bo: CommentAuthor = { id: 'bo-participant-000001', name: '波波', color: '#0090ff' };
const CARD = 'card-1';

function replicas(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  return [a, b];
}
const texts = (doc: Y.Doc, target = cardTarget(CARD)) => threadsFor(readComments(doc), target).map((t) => t.comments.map((c) => c.text));

let now = 1_700_000_000_000;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
});
afterEach(() => {
  vi.useRealTimers();
  now = 1_700_000_000_000;
});
const later = (ms = 1000) => {
  now += ms;
  vi.setSystemTime(now);
};

describe('comment commands', () => {
  it('starts a thread on a card and one on the whole map, each one local transaction', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const started = startThread(doc, cardTarget(CARD), anna, '  Is this step needed?  ');
    expect(started).not.toBeNull();
    startThread(doc, MAP_TARGET, bo, 'Overall: good');
    expect(origins).toEqual([LOCAL_ORIGIN, LOCAL_ORIGIN]);

    const s = readComments(doc);
    const [thread] = threadsFor(s, cardTarget(CARD));
    expect(thread).toMatchObject({ id: started!.threadId, target: 'card:card-1', createdBy: anna.id, resolved: false, createdAt: now });
    expect(thread!.comments).toEqual([
      {
        id: started!.commentId,
        threadId: started!.threadId,
        authorId: anna.id,
        authorName: 'Anna',
        authorColor: '#e5484d',
        text: 'Is this step needed?',
        createdAt: now,
        mentions: [],
      },
    ]);
    expect(threadsFor(s, MAP_TARGET).map((t) => t.comments[0]!.text)).toEqual(['Overall: good']);
    expect(openThreads(s)).toHaveLength(2);
  });

  it('refuses empty text and unknown targets, and caps the length', () => {
    const doc = new Y.Doc();
    expect(startThread(doc, cardTarget(CARD), anna, '   \n ')).toBeNull();
    expect(startThread(doc, 'lane:x', anna, 'hello')).toBeNull();
    expect(startThread(doc, 'card:bad id!', anna, 'hello')).toBeNull();
    const long = startThread(doc, MAP_TARGET, anna, 'x'.repeat(6000))!;
    expect(readComments(doc).threads[0]!.comments[0]!.text).toHaveLength(5000);
    expect(reply(doc, long.threadId, bo, '')).toBeNull();
    expect(reply(doc, 'no-such-thread', bo, 'hi')).toBeNull();
    expect(readComments(doc).threads).toHaveLength(1);
  });

  it('replies in time order', () => {
    const doc = new Y.Doc();
    const { threadId } = startThread(doc, cardTarget(CARD), anna, 'first')!;
    later();
    reply(doc, threadId, bo, 'second');
    later();
    reply(doc, threadId, anna, 'third');
    expect(texts(doc)).toEqual([['first', 'second', 'third']]);
  });

  it('a reply sorts after what it answers even when the replier’s clock is behind', () => {
    const [a, b] = replicas();
    const { threadId } = startThread(a, cardTarget(CARD), anna, 'question')!;
    sync(a, b);
    vi.setSystemTime(now - 60_000); // Bo's clock is a minute slow
    reply(b, threadId, bo, 'answer');
    sync(a, b);
    expect(texts(a)).toEqual([['question', 'answer']]);
  });

  it('edits only one’s own comment', () => {
    const doc = new Y.Doc();
    const { commentId } = startThread(doc, cardTarget(CARD), anna, 'typo hre')!;
    expect(editComment(doc, commentId, bo.id, 'hijacked')).toBe('not-yours');
    expect(editComment(doc, commentId, anna.id, '   ')).toBe('empty');
    expect(editComment(doc, 'nope', anna.id, 'x')).toBe('not-found');
    later();
    expect(editComment(doc, commentId, anna.id, 'typo here, @波波', [bo])).toBe('done');
    const c = readComments(doc).threads[0]!.comments[0]!;
    expect(c).toMatchObject({ text: 'typo here, @波波', editedAt: now, mentions: [{ id: bo.id, name: '波波' }] });
    expect(c.createdAt).toBe(now - 1000);
  });

  it('deletes only one’s own comment; deleting the last one removes the thread in the same step', () => {
    const doc = new Y.Doc();
    const first = startThread(doc, cardTarget(CARD), anna, 'first')!;
    const second = reply(doc, first.threadId, bo, 'second')!;
    expect(deleteComment(doc, first.commentId, bo.id)).toBe('not-yours');
    expect(deleteComment(doc, first.commentId, anna.id)).toBe('done');
    expect(texts(doc)).toEqual([['second']]);
    expect(doc.getMap('threads').has(first.threadId)).toBe(true);

    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(deleteComment(doc, second, bo.id)).toBe('done');
    expect(transactions).toBe(1);
    expect(doc.getMap('threads').has(first.threadId)).toBe(false);
    expect(doc.getMap('comments').size).toBe(0);
    expect(readComments(doc).threads).toEqual([]);
    expect(deleteComment(doc, second, bo.id)).toBe('not-found');
  });

  it('resolves and reopens a thread (anyone may)', () => {
    const doc = new Y.Doc();
    const { threadId } = startThread(doc, cardTarget(CARD), anna, 'fix this')!;
    later();
    expect(resolveThread(doc, threadId, bo.id)).toBe(true);
    let s = readComments(doc);
    expect(s.threads[0]).toMatchObject({ resolved: true, resolvedBy: bo.id, resolvedAt: now });
    expect(openThreads(s)).toEqual([]);
    expect(threadsFor(s, cardTarget(CARD))).toHaveLength(1); // still listed for its card, as resolved

    expect(reopenThread(doc, threadId)).toBe(true);
    s = readComments(doc);
    expect(s.threads[0]!.resolved).toBe(false);
    expect(s.threads[0]!.resolvedBy).toBeUndefined();
    expect(s.threads[0]!.resolvedAt).toBeUndefined();
    expect(resolveThread(doc, 'gone', bo.id)).toBe(false);
    expect(reopenThread(doc, 'gone')).toBe(false);
  });

  it('commentCount counts the comments in open threads only', () => {
    const doc = new Y.Doc();
    const one = startThread(doc, cardTarget(CARD), anna, 'a')!;
    reply(doc, one.threadId, bo, 'b');
    const two = startThread(doc, cardTarget(CARD), bo, 'c')!;
    startThread(doc, cardTarget('other-card'), bo, 'elsewhere');
    startThread(doc, MAP_TARGET, bo, 'the map');
    expect(commentCount(readComments(doc), CARD)).toBe(3);
    resolveThread(doc, two.threadId, anna.id);
    expect(commentCount(readComments(doc), CARD)).toBe(2);
    resolveThread(doc, one.threadId, anna.id);
    expect(commentCount(readComments(doc), CARD)).toBe(0);
    expect(commentCount(readComments(doc), 'other-card')).toBe(1);
    expect(commentCount(readComments(doc), 'no-comments')).toBe(0);
  });

  it('mentionsOf lists open threads where someone else mentions the participant', () => {
    const doc = new Y.Doc();
    const t1 = startThread(doc, cardTarget(CARD), anna, '@波波 can you look?', [bo])!;
    startThread(doc, MAP_TARGET, bo, 'note to self @波波', [bo]); // mentioning oneself does not count
    startThread(doc, MAP_TARGET, anna, 'no mention here', [bo]); // picked, then typed away: not kept
    expect(mentionsOf(readComments(doc), bo.id).map((t) => t.id)).toEqual([t1.threadId]);
    expect(mentionsOf(readComments(doc), anna.id)).toEqual([]);
    resolveThread(doc, t1.threadId, bo.id);
    expect(mentionsOf(readComments(doc), bo.id)).toEqual([]);
  });
});

describe('two people at once', () => {
  it('both reply at the same moment: both replies kept, in createdAt order, on both replicas', () => {
    const [a, b] = replicas();
    const { threadId } = startThread(a, cardTarget(CARD), anna, 'question')!;
    sync(a, b);
    later(1000);
    reply(b, threadId, bo, 'from Bo, earlier');
    later(500);
    reply(a, threadId, anna, 'from Anna, later');
    sync(a, b);
    expect(texts(a)).toEqual([['question', 'from Bo, earlier', 'from Anna, later']]);
    expect(readComments(b)).toEqual(readComments(a));
  });

  it('one resolves while the other replies: resolved, with the reply in it, on both', () => {
    const [a, b] = replicas();
    const { threadId } = startThread(a, cardTarget(CARD), anna, 'question')!;
    sync(a, b);
    resolveThread(a, threadId, anna.id);
    reply(b, threadId, bo, 'late answer');
    sync(a, b);
    const sa = readComments(a);
    expect(readComments(b)).toEqual(sa);
    expect(sa.threads[0]).toMatchObject({ resolved: true, resolvedBy: anna.id });
    expect(sa.threads[0]!.comments.map((c) => c.text)).toEqual(['question', 'late answer']);
    expect(commentCount(sa, CARD)).toBe(0);
  });

  it('one edits while the other deletes the same comment: deleted on both', () => {
    const [a, b] = replicas();
    const { commentId } = startThread(a, MAP_TARGET, anna, 'original')!;
    reply(a, readComments(a).threads[0]!.id, bo, 'keeps the thread');
    sync(a, b);
    // The same participant in two tabs.
    editComment(a, commentId, anna.id, 'edited');
    deleteComment(b, commentId, anna.id);
    sync(a, b);
    expect(readComments(a)).toEqual(readComments(b));
    expect(texts(a, MAP_TARGET)).toEqual([['keeps the thread']]);
  });
});

describe('reading', () => {
  it('skips invalid entries a foreign client may write', () => {
    const doc = new Y.Doc();
    const ok = startThread(doc, cardTarget(CARD), anna, 'valid')!;
    doc.transact(() => {
      const threads = doc.getMap<unknown>('threads');
      const comments = doc.getMap<unknown>('comments');
      threads.set('plain-value', 'not a map');
      const badThread = new Y.Map<unknown>();
      badThread.set('target', 'stage:s1');
      badThread.set('createdAt', 1);
      badThread.set('createdBy', 'x');
      badThread.set('resolved', false);
      threads.set('bad-target', badThread);
      comments.set('in-bad-thread', commentEntry({ threadId: 'bad-target' }));
      comments.set('too-long', commentEntry({ threadId: ok.threadId, text: 'x'.repeat(5001) }));
      comments.set('bad-colour', commentEntry({ threadId: ok.threadId, authorColor: 'red' }));
      comments.set(
        'many-mentions',
        commentEntry({ threadId: ok.threadId, mentions: Array.from({ length: 21 }, (_, i) => ({ id: `p${i}`, name: 'x' })) }),
      );
      comments.set('orphan', commentEntry({ threadId: 'no-such-thread' }));
      comments.set('plain', 42);
    });
    const s = readComments(doc);
    expect(s.threads.map((t) => t.id)).toEqual([ok.threadId]);
    expect(s.threads[0]!.comments.map((c) => c.text)).toEqual(['valid']);
    expect(commentCount(s, CARD)).toBe(1);
  });

  it('does not show a thread whose comments are all gone or invalid', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const t = new Y.Map<unknown>();
      t.set('target', 'map');
      t.set('createdAt', 1);
      t.set('createdBy', 'someone');
      t.set('resolved', false);
      doc.getMap<unknown>('threads').set('empty-thread', t);
    });
    expect(readComments(doc).threads).toEqual([]);
    expect(openThreads(readComments(doc))).toEqual([]);
  });
});

describe('live view', () => {
  it('notifies once per transaction and keeps untouched threads the same objects', () => {
    const doc = new Y.Doc();
    const live = createLiveComments(doc);
    const one = startThread(doc, cardTarget(CARD), anna, 'one')!;
    const two = startThread(doc, cardTarget('card-2'), bo, 'two')!;
    const before = live.getSnapshot();
    let calls = 0;
    live.subscribe(() => calls++);
    reply(doc, one.threadId, bo, 'reply');
    expect(calls).toBe(1);
    const after = live.getSnapshot();
    expect(after).not.toBe(before);
    const find = (s: typeof after, id: string) => s.threads.find((t) => t.id === id);
    expect(find(after, two.threadId)).toBe(find(before, two.threadId));
    expect(find(after, one.threadId)).not.toBe(find(before, one.threadId));
    expect(threadsFor(after, cardTarget('card-2'))).toBe(threadsFor(before, cardTarget('card-2')));
    expect(commentCount(after, CARD)).toBe(2);
    expect(live.getSnapshot()).toBe(after);
    expect(after.authors).toBe(before.authors);

    // A change outside the comments leaves the snapshot alone.
    doc.getMap('elsewhere').set('x', 1);
    expect(calls).toBe(1);
    expect(live.getSnapshot()).toBe(after);
    live.destroy();
  });

  it('is shared per doc and goes away with the doc', () => {
    const doc = new Y.Doc();
    const view = liveComments(doc);
    expect(liveComments(doc)).toBe(view);
    doc.destroy();
    expect(liveComments(new Y.Doc())).not.toBe(view);
  });
});

describe('mentions', () => {
  it('keeps only picked people whose @name is still in the text', () => {
    const anne = { id: 'anne', name: 'Anne Li' };
    expect(mentionsIn('hi @Anne Li and @波波', [anne, bo, anne, { id: 'x', name: 'Xu' }])).toEqual([anne, { id: bo.id, name: '波波' }]);
  });

  it('finds the query being typed after @, not in e-mail addresses', () => {
    expect(mentionQuery('hello @An', 9)).toEqual({ start: 6, query: 'An' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('请@波', 3)).toEqual({ start: 1, query: '波' });
    expect(mentionQuery('mail a@b.c', 10)).toBeNull();
    expect(mentionQuery('@Anna done', 10)).toBeNull();
  });

  it('splits text into plain runs and mentions, longer names first', () => {
    const ann = { id: 'a', name: 'Ann' };
    const annLee = { id: 'b', name: 'Ann Lee' };
    expect(splitMentions('@Ann Lee and @Ann!', [ann, annLee])).toEqual([
      { text: '@Ann Lee', mention: annLee },
      { text: ' and ' },
      { text: '@Ann', mention: ann },
      { text: '!' },
    ]);
    expect(splitMentions('no one', [])).toEqual([{ text: 'no one' }]);
  });
});

function commentEntry(fields: Record<string, unknown>): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  const all = {
    threadId: 't',
    authorId: 'someone',
    authorName: 'X',
    authorColor: '#123456',
    text: 'bad',
    createdAt: 5,
    mentions: [],
    ...fields,
  };
  for (const [k, v] of Object.entries(all)) entry.set(k, v);
  return entry;
}
