/**
 * A link to one card of a map: `/m/<mapId>#card=<cardId>`. The map page
 * selects, shows and focuses the card once the map is loaded
 * (useLinkedCard.ts). A fragment, not a query parameter: it never reaches the
 * server, and a share link's `?token=` stays as it is.
 */
import { mapPath } from './router';

const PREFIX = '#card=';

export const cardPath = (mapId: string, cardId: string): string => `${mapPath(mapId)}${PREFIX}${encodeURIComponent(cardId)}`;

/** The card a page's fragment names, or null. */
export function linkedCardId(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const id = decodeURIComponent(hash.slice(PREFIX.length));
    return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}
