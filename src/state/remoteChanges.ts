/**
 * What others changed, said in a sentence for screen readers ("Ana edited
 * 2 cards"), and the pacing of those sentences: a burst of remote changes
 * (someone typing) becomes one message once it pauses, and messages come at
 * most one every few seconds. Pure: the clock and the announcing are given.
 */
import type { TFunction } from '../i18n/translate';

/** One remote transaction: who made it (null: unknown) and the cards it added, changed or removed. */
export interface RemoteChange {
  author: string | null;
  added: readonly string[];
  edited: readonly string[];
  deleted: readonly string[];
  /** stages, lanes, personas or the map's title changed */
  other: boolean;
}

interface AuthorTally {
  added: Set<string>;
  edited: Set<string>;
  deleted: Set<string>;
  other: boolean;
}

/** One sentence for a batch of changes, one clause per author in order of appearance; '' when nothing is left to say. */
export function summariseChanges(changes: readonly RemoteChange[], t: TFunction): string {
  const byAuthor = new Map<string | null, AuthorTally>();
  for (const change of changes) {
    let tally = byAuthor.get(change.author);
    if (!tally) byAuthor.set(change.author, (tally = { added: new Set(), edited: new Set(), deleted: new Set(), other: false }));
    for (const id of change.added) tally.added.add(id);
    for (const id of change.edited) if (!tally.added.has(id)) tally.edited.add(id);
    for (const id of change.deleted) {
      // A card added and removed in the same batch was never there for the listener.
      if (tally.added.delete(id)) continue;
      tally.edited.delete(id);
      tally.deleted.add(id);
    }
    tally.other ||= change.other;
  }
  const clauses: string[] = [];
  for (const [author, tally] of byAuthor) {
    const parts = [
      tally.added.size > 0 && t('live.added', { count: tally.added.size }),
      tally.edited.size > 0 && t('live.edited', { count: tally.edited.size }),
      tally.deleted.size > 0 && t('live.deleted', { count: tally.deleted.size }),
    ].filter((p): p is string => !!p);
    if (parts.length === 0 && tally.other) parts.push(t('live.changedMap'));
    if (parts.length === 0) continue;
    clauses.push(t('live.clause', { name: author ?? t('live.someone'), what: parts.join(t('live.and')) }));
  }
  return clauses.join(t('live.separator'));
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const PACING = {
  /** a burst is over after this long without a remote change */
  quietMs: 1500,
  /** a long burst (someone typing a paragraph) is still told this long after it began */
  maxWaitMs: 6000,
  /** never two messages closer than this */
  minGapMs: 5000,
};

/** Collects remote changes and hands them to `flush` in batches, paced as PACING says. */
export function createChangeBatcher(
  flush: (changes: RemoteChange[]) => void,
  clock: Clock = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) },
  pacing = PACING,
) {
  let pending: RemoteChange[] = [];
  let firstAt = 0;
  let lastFlushAt = -Infinity;
  let timer: unknown = null;

  const fire = () => {
    timer = null;
    const batch = pending;
    pending = [];
    lastFlushAt = clock.now();
    flush(batch);
  };

  return {
    add(change: RemoteChange) {
      const now = clock.now();
      if (pending.length === 0) firstAt = now;
      pending.push(change);
      const due = Math.max(Math.min(now + pacing.quietMs, firstAt + pacing.maxWaitMs), lastFlushAt + pacing.minGapMs);
      if (timer !== null) clock.clearTimeout(timer);
      timer = clock.setTimeout(fire, Math.max(0, due - now));
    },
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      pending = [];
    },
  };
}

/**
 * A sentence for the live region, numbered: the same words twice in a row
 * (Ana edits a card, and a minute later another) are two announcements,
 * told apart by `seq`, so the region can say the second one too.
 */
export interface Announcement {
  text: string;
  seq: number;
}

/** Never reused, so an announcer made anew (the language switched) cannot give a number the region already shows. */
let announcementSeq = 0;

/** Remote changes in, announcements out: the batches summarised in the reader's language, numbered, the empty ones left out. */
export function createAnnouncer(
  t: TFunction,
  announce: (announcement: Announcement) => void,
  clock?: Clock,
  pacing: typeof PACING = PACING,
) {
  return createChangeBatcher(
    (batch) => {
      const text = summariseChanges(batch, t);
      if (text) announce({ text, seq: ++announcementSeq });
    },
    clock,
    pacing,
  );
}
