/**
 * Searching cards across every map (the dashboard's "Search cards in all
 * maps"): what a map's searchable copy holds, how it is read from the doc,
 * how a query matches, and what the API answers. In zod/mini, so the
 * dashboard validates every answer without loading zod's full API.
 *
 * The server keeps each map's copy next to its row (server/ws/mapRow.ts), so
 * a search reads rows, never documents. Matching is a substring of the
 * folded text (foldText): case-insensitive for Latin, and Chinese needs no
 * word segmentation, a substring of the characters is what people type.
 */
import * as z from 'zod/mini';
import { ID_CHECKS } from './ids';
import { LANE_KINDS } from './choices';

/** NFKC folds full-width Latin (typed with a Chinese IME) into ASCII; Chinese needs no case folding. */
export const foldText = (text: string): string => text.normalize('NFKC').toLowerCase();

/** One card as a search finds it: where it is (lane kind and name, stage name) and its text. */
export const SearchCardSchema = z.object({
  id: z.string().check(...ID_CHECKS),
  kind: z.enum(LANE_KINDS),
  lane: z.string(),
  stage: z.string(),
  text: z.string(),
});
export type SearchCard = z.infer<typeof SearchCardSchema>;

/** A map's searchable copy, as stored (JSON). */
export const SearchCardsSchema = z.array(SearchCardSchema);

/**
 * What the store matches a query against: every card's folded text, one a
 * line. A query has no line break (CardSearchQuerySchema), so it never
 * matches across two cards.
 */
export const foldedCards = (cards: readonly SearchCard[]): string => cards.map((c) => foldCardText(c.text)).join('\n');

/** A card's text as a query is matched against it: folded, its lines joined by a space. */
export const foldCardText = (text: string): string => foldText(text).replace(/\s*\n\s*/g, ' ');

/** The longest card text a map's copy keeps (CardSchema's limit). */
export const MAX_SEARCH_TEXT = 5000;

/** Most cards one search answers with; the answer says when there were more. */
export const MAX_SEARCH_CARDS = 200;

/** What `GET /api/search` takes (validated by server/http/searchRoutes.ts). */
export interface CardSearchQuery {
  /** trimmed, one line */
  q: string;
  /** only cards of lanes of this kind */
  kind?: LaneKindName;
}
export type LaneKindName = (typeof LANE_KINDS)[number];

export const CardSearchMapSchema = z.object({
  id: z.string().check(...ID_CHECKS),
  title: z.string(),
  updatedAt: z.number(),
  cards: z.array(SearchCardSchema),
});
export type CardSearchMap = z.infer<typeof CardSearchMapSchema>;

/** `GET /api/search`: maps most recently edited first, each with its matching cards in journey order. */
export const CardSearchResultSchema = z.object({
  maps: z.array(CardSearchMapSchema),
  /** cards in `maps` */
  cards: z.int().check(z.nonnegative()),
  /** true when more cards matched than MAX_SEARCH_CARDS: the answer stops there */
  capped: z.boolean(),
  /** maps not searchable yet (no copy stored: not saved since search existed, and not yet indexed at startup) */
  unindexed: z.int().check(z.nonnegative()),
});
export type CardSearchResult = z.infer<typeof CardSearchResultSchema>;

/**
 * Where the folded query occurs in `text`, as [start, end) of the text as
 * shown, for highlighting; null when folding changed the text's length
 * (rare letters such as 'İ'), since the offsets would then be wrong.
 */
export function matchRanges(text: string, query: string): [number, number][] | null {
  const q = foldText(query.trim());
  const folded = foldText(text);
  if (q === '' || folded.length !== text.length) return null;
  const out: [number, number][] = [];
  for (let at = folded.indexOf(q); at >= 0; at = folded.indexOf(q, at + q.length)) out.push([at, at + q.length]);
  return out;
}
