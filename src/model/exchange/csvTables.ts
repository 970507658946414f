/**
 * The map's cards as spreadsheet tables: touchpoints, and pain points with
 * opportunities in one sheet. Pure and i18n-free: headers and enum values come
 * in `labels` (built from the UI's strings by src/export/csvLabels.ts), so the
 * file is in the language of whoever downloads it.
 */
import type { CommentsSnapshot } from '../comments/read';
import { cardIdOf } from '../comments/schema';
import { voteTotal } from '../commands/votes';
import type { MapSnapshot } from '../live';
import { CHANNELS, MEDIA, OPPORTUNITY_TYPES, TAGS, type Card, type Lane, type LaneKind } from '../schema';
import { cardsInMapOrder } from '../journey';
import { writeCsv, type CsvCell } from './csv';

export const TOUCHPOINT_COLUMNS = [
  'stage',
  'lane',
  'text',
  'channel',
  'media',
  'emotion',
  'importance',
  'momentOfTruth',
  'votes',
  'persona',
  'tags',
] as const;
export const INSIGHT_COLUMNS = [
  'type',
  'stage',
  'lane',
  'text',
  'severity',
  'opportunityType',
  'impact',
  'effort',
  'votes',
  'persona',
  'tags',
] as const;
export type CsvColumn = (typeof TOUCHPOINT_COLUMNS)[number] | (typeof INSIGHT_COLUMNS)[number] | 'comments';

/** Everything a table prints in words, in the reader's language. */
export interface CsvLabels {
  columns: Record<CsvColumn, string>;
  channels: Record<(typeof CHANNELS)[number], string>;
  media: Record<(typeof MEDIA)[number], string>;
  opportunityTypes: Record<(typeof OPPORTUNITY_TYPES)[number], string>;
  tags: Record<(typeof TAGS)[number], string>;
  /** a lane without a name is called by its kind */
  laneKinds: Record<LaneKind, string>;
  /** the `type` column of the insights sheet */
  insightTypes: { painPoint: string; opportunity: string };
  /** moment of truth */
  yes: string;
  no: string;
  /** between several tags in one cell (", " or "、") */
  listSeparator: string;
}

export interface CsvTableOptions {
  /** add a column with the card's open comments, one per line */
  includeComments?: boolean;
  /** card id -> texts of its open comments (see openCommentTexts) */
  commentsByCard?: ReadonlyMap<string, readonly string[]>;
}

type MapContent = Pick<MapSnapshot, 'stages' | 'lanes' | 'cards' | 'personas'>;

const optional = <T>(value: T | undefined): T | '' => (value === undefined ? '' : value);

const TOUCHPOINT_KINDS: ReadonlySet<LaneKind> = new Set(['touchpoints']);
const INSIGHT_KINDS: ReadonlySet<LaneKind> = new Set(['painPoints', 'opportunities']);

type CardRow = { card: Card; lane: Lane; stageName: string };

/**
 * One sheet: the header, then a row per card of `kinds` in map order. Every
 * sheet ends with votes, persona and tags (and the comments when asked for);
 * `cells` gives the columns before those.
 */
function sheet(
  map: MapContent,
  labels: CsvLabels,
  opts: CsvTableOptions,
  kinds: ReadonlySet<LaneKind>,
  columns: readonly CsvColumn[],
  cells: (row: CardRow, laneName: string) => CsvCell[],
): CsvCell[][] {
  const personaName = new Map(map.personas.map((p) => [p.id, p.name]));
  const header = [...columns, ...(opts.includeComments ? (['comments'] as const) : [])];
  const rows = cardsInMapOrder(map, kinds).map((entry) => {
    const { card, lane } = entry;
    const row: CsvCell[] = [
      ...cells(entry, lane.name.trim() || labels.laneKinds[lane.kind]),
      voteTotal(card),
      card.personaId ? (personaName.get(card.personaId) ?? '') : '',
      (card.tags ?? []).map((t) => labels.tags[t]).join(labels.listSeparator),
    ];
    // One comment per line: the cell wraps in the sheet and the writer quotes the line breaks.
    if (opts.includeComments) row.push((opts.commentsByCard?.get(card.id) ?? []).join('\n'));
    return row;
  });
  return [header.map((c) => labels.columns[c]), ...rows];
}

/** The touchpoints sheet, header first, as cells (numbers stay numbers). */
export function touchpointsTable(map: MapContent, labels: CsvLabels, opts: CsvTableOptions = {}): CsvCell[][] {
  return sheet(map, labels, opts, TOUCHPOINT_KINDS, TOUCHPOINT_COLUMNS, ({ card, stageName }, laneName) => [
    stageName,
    laneName,
    card.text,
    card.channel ? labels.channels[card.channel] : '',
    card.media ? labels.media[card.media] : '',
    optional(card.emotion),
    optional(card.importance),
    card.momentOfTruth ? labels.yes : labels.no,
  ]);
}

/** Pain points and opportunities in one sheet, told apart by the `type` column. */
export function insightsTable(map: MapContent, labels: CsvLabels, opts: CsvTableOptions = {}): CsvCell[][] {
  return sheet(map, labels, opts, INSIGHT_KINDS, INSIGHT_COLUMNS, ({ card, lane, stageName }, laneName) => {
    const pain = lane.kind === 'painPoints';
    // A card keeps its fields when dragged between lanes; the lane decides which ones the sheet shows.
    return [
      pain ? labels.insightTypes.painPoint : labels.insightTypes.opportunity,
      stageName,
      laneName,
      card.text,
      pain ? optional(card.severity) : '',
      !pain && card.type ? labels.opportunityTypes[card.type] : '',
      pain ? '' : optional(card.impact),
      pain ? '' : optional(card.effort),
    ];
  });
}

/** The touchpoints sheet as a CSV file's text (UTF-8 BOM, CRLF). */
export function touchpointsCsv(map: MapContent, labels: CsvLabels, opts: CsvTableOptions = {}): string {
  return writeCsv(touchpointsTable(map, labels, opts));
}

/** Pain points and opportunities as a CSV file's text (UTF-8 BOM, CRLF). */
export function insightsCsv(map: MapContent, labels: CsvLabels, opts: CsvTableOptions = {}): string {
  return writeCsv(insightsTable(map, labels, opts));
}

/**
 * Card id -> its open (unresolved) comments as "Name: text", oldest first,
 * for the comments column. Resolved threads are done with, so they stay out.
 */
export function openCommentTexts(comments: CommentsSnapshot): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const thread of comments.threads) {
    const cardId = cardIdOf(thread.target);
    if (!cardId || thread.resolved) continue;
    const list = out.get(cardId) ?? [];
    for (const c of thread.comments) list.push(c.authorName ? `${c.authorName}: ${c.text}` : c.text);
    out.set(cardId, list);
  }
  return out;
}
