/**
 * What a reader shows for a required field it can neither read nor mend
 * (repair.ts), where the type's empty value would not do: a colour, a lane
 * kind, an avatar, a place in the order. Fields not listed here get their
 * type's empty value ('' / 0 / false / [] / the first option).
 */
import { keyAfter } from './order';
import { STAGE_COLORS } from './choices';
import { DEFAULT_VOTES_PER_PARTICIPANT, type CollectionName } from './schema';

/** The avatar of a persona that has none: new personas start with it too. */
export const DEFAULT_AVATAR = '🙂';

/** An unreadable order sorts first (ties are broken by id, as for any equal keys). */
const order = keyAfter(null);

export const READ_DEFAULTS: Readonly<Record<CollectionName | 'meta', Readonly<Record<string, unknown>>>> = {
  personas: { order, avatar: DEFAULT_AVATAR },
  stages: { order, color: STAGE_COLORS[0] },
  // Notes: the kind with no fields of its own, so the cards show just their text.
  lanes: { order, kind: 'notes' },
  cards: { order },
  meta: { locale: 'en', votesPerParticipant: DEFAULT_VOTES_PER_PARTICIPANT },
};
