/** Reading a map document's rounds (root Y.Map `rounds`: id -> Y.Map of RoundSchema's fields). No commands here: doc.ts reads rounds too. */
import * as Y from 'yjs';
import { RoundSchema, type Round } from './schema';

export const ROUNDS = 'rounds';

export const roundsMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROUNDS);

/** One round as its schema reads it, or null if it does not validate (another program wrote it badly). */
export function readRound(entry: unknown): Round | null {
  if (!(entry instanceof Y.Map)) return null;
  const parsed = RoundSchema.safeParse(entry.toJSON());
  return parsed.success ? parsed.data : null;
}

/** Every readable round, oldest first. */
export function readRounds(doc: Y.Doc): Round[] {
  const out: Round[] = [];
  roundsMap(doc).forEach((entry) => {
    const round = readRound(entry);
    if (round) out.push(round);
  });
  return out.sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
}
