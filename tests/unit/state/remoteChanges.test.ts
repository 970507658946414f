import { describe, expect, it } from 'vitest';
import {
  createAnnouncer,
  createChangeBatcher,
  summariseChanges,
  type Announcement,
  type Clock,
  type RemoteChange,
} from '../../../src/state/remoteChanges';
import { createTranslator } from '../../../src/i18n/translate';
import { STRINGS } from '../../../src/i18n/strings';
import * as Y from 'yjs';
import { buildTemplate, collection, docFromMapDocument, listEntities } from '../../../src/model';
import { addCard, deleteCard, updateCardText } from '../../../src/model/commands/cards';
import { usePresence, type Peer } from '../../../src/sync/presence';
import { describeTransaction } from '../../../src/state/useRemoteChangeMessage';

const en = createTranslator(STRINGS, 'en');
const zh = createTranslator(STRINGS, 'zh-CN');
const change = (author: string | null, what: Partial<Omit<RemoteChange, 'author'>>): RemoteChange => ({
  author,
  added: [],
  edited: [],
  deleted: [],
  other: false,
  ...what,
});

describe('summariseChanges', () => {
  it('counts the cards each person touched, once each however many keystrokes', () => {
    const typing = ['T', 'Th', 'The'].map(() => change('Ana', { edited: ['c1'] }));
    expect(summariseChanges([...typing, change('Ana', { edited: ['c2'] })], en)).toBe('Ana edited 2 cards');
    expect(summariseChanges(typing, en)).toBe('Ana edited a card');
  });

  it('names every author, and what each did', () => {
    const batch = [change('Ana', { added: ['c1'] }), change('Bo', { deleted: ['c2'] }), change('Ana', { edited: ['c1', 'c3'] })];
    expect(summariseChanges(batch, en)).toBe('Ana added a card, edited a card; Bo deleted a card');
    expect(summariseChanges(batch, zh)).toBe('Ana 添加了 1 张卡片，编辑了 1 张卡片；Bo 删除了 1 张卡片');
  });

  it('says nothing of a card added and removed in the same batch', () => {
    expect(summariseChanges([change('Ana', { added: ['c1'] }), change('Ana', { deleted: ['c1'] })], en)).toBe('');
  });

  it('speaks of the map when no card changed, and of someone when the author is not known', () => {
    expect(summariseChanges([change(null, { other: true })], en)).toBe('Someone changed the map');
  });
});

/** A clock whose time moves only when the test says. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = end;
  };
  return { clock, advance };
}

describe('createChangeBatcher', () => {
  const setup = () => {
    const { clock, advance } = fakeClock();
    const flushed: { at: number; count: number }[] = [];
    const batcher = createChangeBatcher((batch) => flushed.push({ at: clock.now(), count: batch.length }), clock, {
      quietMs: 1500,
      maxWaitMs: 6000,
      minGapMs: 5000,
    });
    return { advance, flushed, add: () => batcher.add(change('Ana', { edited: ['c1'] })), batcher };
  };

  it('waits for a burst of typing to pause, then says it once', () => {
    const { advance, flushed, add } = setup();
    for (let i = 0; i < 10; i++) {
      add();
      advance(200);
    }
    expect(flushed).toEqual([]);
    advance(1500);
    expect(flushed).toEqual([{ at: 3300, count: 10 }]);
  });

  it('tells a long burst after at most the longest wait, and keeps messages apart by the minimum gap', () => {
    const { advance, flushed, add } = setup();
    for (let i = 0; i < 100; i++) {
      add();
      advance(100);
    }
    advance(10_000);
    // typing from 0 to 9.9 s: told at 6 s (the longest wait), then 1.5 s after the last keystroke
    expect(flushed.map((f) => f.at)).toEqual([6000, 11400]);
    expect(flushed.reduce((n, f) => n + f.count, 0)).toBe(100);
    for (let i = 1; i < flushed.length; i++) expect(flushed[i]!.at - flushed[i - 1]!.at).toBeGreaterThanOrEqual(5000);
  });

  it('says nothing after it is disposed', () => {
    const { advance, flushed, add, batcher } = setup();
    add();
    batcher.dispose();
    advance(10_000);
    expect(flushed).toEqual([]);
  });
});

describe('createAnnouncer', () => {
  it('makes the same sentence twice in a row two announcements, so a screen reader says it again', () => {
    const { clock, advance } = fakeClock();
    const told: Announcement[] = [];
    const announcer = createAnnouncer(en, (a) => told.push(a), clock);
    announcer.add(change('Ana', { edited: ['c1'] }));
    advance(10_000);
    announcer.add(change('Ana', { edited: ['c2'] }));
    advance(10_000);
    // Nothing to say is no announcement.
    announcer.add(change('Ana', { added: ['c3'] }));
    announcer.add(change('Ana', { deleted: ['c3'] }));
    advance(10_000);
    expect(told.map((a) => a.text)).toEqual(['Ana edited a card', 'Ana edited a card']);
    expect(told[1]!.seq).not.toBe(told[0]!.seq);
    // A new announcer (the language switched) never reuses a number.
    const again: Announcement[] = [];
    const next = createAnnouncer(zh, (a) => again.push(a), clock);
    next.add(change('Ana', { edited: ['c1'] }));
    advance(10_000);
    expect(again[0]!.seq).toBeGreaterThan(told[1]!.seq);
  });
});

describe('describeTransaction', () => {
  it('tells the cards another client added, edited and deleted, and who did it', () => {
    const mine = docFromMapDocument(buildTemplate('blank', { locale: 'en', now: 1 }));
    collection(mine, 'cards');
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    usePresence.setState({ peers: [{ clientId: theirs.clientID, user: { id: 'ana', name: 'Ana', color: '#336699' } } as Peer] });
    const seen: RemoteChange[] = [];
    mine.on('afterTransaction', (tr: Y.Transaction) => {
      const change = describeTransaction(mine, tr);
      if (change) seen.push(change);
    });
    const relay = (update: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(mine, update, 'relay');
    theirs.on('update', relay);

    const lane = listEntities(theirs, 'lanes')[0]!;
    const stage = listEntities(theirs, 'stages')[0]!;
    const id = addCard(theirs, { laneId: lane.id, stageId: stage.id, text: 'New' });
    updateCardText(theirs, id, 'New text');
    deleteCard(theirs, id);
    // My own edits are not news.
    addCard(mine, { laneId: lane.id, stageId: stage.id, text: 'Mine' });

    expect(seen.map((c) => [c.author, c.added, c.edited, c.deleted])).toEqual([
      ['Ana', [id], [], []], // (a new card's fields are part of adding it)
      ['Ana', [], [id], []],
      ['Ana', [], [], [id]],
    ]);
  });
});
