/**
 * Observable views for renderers: the rounds of a map document, and what a
 * private document holds. Each snapshot is a new object only when its
 * document changed, so useSyncExternalStore re-renders only then.
 */
import type * as Y from 'yjs';
import { readRounds, roundsMap } from './commands';
import { ballotOf, listPrivateCards, privateCards, privateVotes } from './private';
import type { PrivateCard, Round } from './schema';

export interface Live<T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): T;
}

/**
 * Watches its document from the first read for as long as the document
 * lives (the view is kept per document in a WeakMap), so a snapshot read
 * before anyone subscribes is the same object afterwards, as
 * useSyncExternalStore needs.
 */
function observe<T>(read: () => T, watch: (onChange: () => void) => void): Live<T> {
  let snapshot = read();
  const listeners = new Set<() => void>();
  watch(() => {
    snapshot = read();
    for (const l of [...listeners]) l();
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
  };
}

const roundViews = new WeakMap<Y.Doc, Live<readonly Round[]>>();

/** The map's rounds, oldest first (one shared view per document). */
export function liveRounds(doc: Y.Doc): Live<readonly Round[]> {
  let view = roundViews.get(doc);
  if (!view) {
    view = observe(
      () => readRounds(doc),
      (onChange) => roundsMap(doc).observeDeep(onChange),
    );
    roundViews.set(doc, view);
  }
  return view;
}

export interface PrivateSnapshot {
  /** every private card, oldest first */
  cards: readonly PrivateCard[];
  /** this person's ballot in a round */
  ballot(roundId: string): Readonly<Record<string, number>>;
}

const privateViews = new WeakMap<Y.Doc, Live<PrivateSnapshot>>();

export function livePrivate(doc: Y.Doc): Live<PrivateSnapshot> {
  let view = privateViews.get(doc);
  if (!view) {
    view = observe(
      (): PrivateSnapshot => {
        const ballots = new Map<string, Record<string, number>>();
        return {
          cards: listPrivateCards(doc, null),
          ballot: (roundId) => {
            let b = ballots.get(roundId);
            if (!b) ballots.set(roundId, (b = ballotOf(doc, roundId)));
            return b;
          },
        };
      },
      (onChange) => {
        privateCards(doc).observe(onChange);
        privateVotes(doc).observe(onChange);
      },
    );
    privateViews.set(doc, view);
  }
  return view;
}
