/**
 * Rounds in the map document: reading them, and starting one (a command
 * like any other: validated, one local transaction). Ending a round is the
 * server's (reveal.ts): only it can read everybody's private documents.
 */
import * as Y from 'yjs';
import { change, newId } from '../doc';
import { WriteRefusedError } from '../writeChecks';
import { currentRound } from './rules';
import { ROUNDS, readRound, readRounds, roundsMap } from './read';
import { ROUND_LIMITS, RoundSchema, type Round } from './schema';

export { ROUNDS, roundsMap, readRound, readRounds };

export class RoundRefusedError extends WriteRefusedError {
  constructor(readonly reason: 'round-running' | 'too-many-rounds' | 'invalid') {
    super(`round not started: ${reason}`);
  }
}

export interface StartRoundArgs {
  kind: Round['kind'];
  laneIds: string[];
  createdBy: string;
  /** minutes of time box; none: until someone reveals it */
  minutes?: number;
  budget?: number;
  topN?: number;
  now?: number;
}

/** Starts a round; refused while another one runs, or past ROUND_LIMITS.rounds. */
export function startRound(doc: Y.Doc, args: StartRoundArgs): string {
  return change(doc, () => {
    const rounds = readRounds(doc);
    if (currentRound(rounds)) throw new RoundRefusedError('round-running');
    if (roundsMap(doc).size >= ROUND_LIMITS.rounds) throw new RoundRefusedError('too-many-rounds');
    const now = args.now ?? Date.now();
    const candidate = {
      id: newId(),
      kind: args.kind,
      state: 'running' as const,
      laneIds: args.laneIds,
      createdBy: args.createdBy.slice(0, 60),
      startedAt: now,
      ...(args.minutes ? { endsAt: now + Math.round(args.minutes * 60_000) } : {}),
      ...(args.kind === 'vote' ? { budget: args.budget ?? 3, topN: args.topN ?? 3 } : {}),
    };
    const parsed = RoundSchema.safeParse(candidate);
    const badMinutes = args.minutes !== undefined && !(args.minutes > 0 && args.minutes <= ROUND_LIMITS.minutes);
    if (!parsed.success || badMinutes) throw new RoundRefusedError('invalid');
    const entry = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(parsed.data)) if (value !== undefined) entry.set(key, value);
    roundsMap(doc).set(parsed.data.id, entry);
    return parsed.data.id;
  });
}
