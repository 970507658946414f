/**
 * The map's cards as spreadsheet tables: touchpoints, and pain points with
 * opportunities in one sheet. The columns of a lane kind's own fields come
 * from the lane-field table (laneFields.ts). Pure and i18n-free: headers and enum values come
 * in `labels` (built from the UI's strings by src/export/csvLabels.ts), so the
 * file is in the language of whoever downloads it.
 */
import type { CommentsSnapshot } from '../comments/read';
import { cardIdOf } from '../comments/schema';
import { voteTotal } from '../commands/votes';
import type { MapSnapshot } from '../live';
import { csvFields, fieldValue, laneFields, type CsvFieldColumn, type LaneField } from '../laneFields';
import { TAGS, type Card, type CardState, type Lane, type LaneKind } from '../schema';
import { cardsInMapOrder } from '../journey';
import { personaScore } from '../personaScores';
import { writeCsv, type CsvCell } from './csv';

const TOUCHPOINT_KINDS: readonly LaneKind[] = ['touchpoints'];
const INSIGHT_KINDS: readonly LaneKind[] = ['painPoints', 'opportunities'];
const TOUCHPOINT_FIELDS = csvFields(TOUCHPOINT_KINDS);
const INSIGHT_FIELDS = csvFields(INSIGHT_KINDS);

/** Columns every sheet ends with (before the comments, when asked for). */
const EVERY_CARD = ['votes', 'persona', 'tags', 'state'] as const;
const columnsOf = (fields: readonly LaneField[]): CsvFieldColumn[] => fields.map((f) => f.csv!);

/** The sheets' columns: where the card is, its text, its lane kinds' fields (laneFields.ts), then what every card has. */
export const TOUCHPOINT_COLUMNS = ['stage', 'lane', 'text', ...columnsOf(TOUCHPOINT_FIELDS), ...EVERY_CARD] as const;
export const INSIGHT_COLUMNS = ['type', 'stage', 'lane', 'text', ...columnsOf(INSIGHT_FIELDS), ...EVERY_CARD] as const;
export type CsvColumn = 'type' | 'stage' | 'lane' | 'text' | CsvFieldColumn | (typeof EVERY_CARD)[number] | 'comments';

/** Everything a table prints in words, in the reader's language. */
export interface CsvLabels {
  columns: Record<CsvColumn, string>;
  /** a choice field's options (laneFields.ts), by field name then option */
  options: Readonly<Record<string, Readonly<Record<string, string>>>>;
  tags: Record<(typeof TAGS)[number], string>;
  /** the `state` column: current only, future only, or both (no state) */
  states: Record<CardState | 'both', string>;
  /** a lane without a name is called by its kind */
  laneKinds: Record<LaneKind, string>;
  /** the `type` column of the insights sheet */
  insightTypes: { painPoint: string; opportunity: string };
  /** a toggle field (moment of truth) */
  yes: string;
  no: string;
  /** between several tags in one cell (", " or "、") */
  listSeparator: string;
  /** the header of a persona's emotion column (format v4's per-persona scores): "Emotion: Ben" */
  personaEmotion(name: string): string;
}

export interface CsvTableOptions {
  /** add a column with the card's open comments, one per line */
  includeComments?: boolean;
  /** card id -> texts of its open comments (see openCommentTexts) */
  commentsByCard?: ReadonlyMap<string, readonly string[]>;
}

type MapContent = Pick<MapSnapshot, 'stages' | 'lanes' | 'cards' | 'personas'> & { meta?: MapSnapshot['meta'] };

/** A column the map's content adds: a persona's emotion score. */
interface ExtraColumn {
  header: string;
  cell(card: Card): CsvCell;
}

/**
 * A column per persona other than the followed one (whose scores are the
 * emotion column) that scores at least one card, in the persona list's
 * order, named after the persona. None on a map without such scores, as
 * before v4. Unlike the curve's lines, not limited to five.
 */
function personaEmotionColumns(map: MapContent, labels: CsvLabels): ExtraColumn[] {
  const followed = map.meta?.personaId;
  const scored = new Set(map.cards.flatMap((c) => Object.keys(c.personaEmotions ?? {})));
  return map.personas
    .filter((p) => p.id !== followed && scored.has(p.id))
    .map((p) => ({
      header: labels.personaEmotion(p.name || p.id),
      cell: (card) => personaScore(card, p.id, followed) ?? '',
    }));
}

/** A lane field's cell: a choice in words, a toggle yes or no, a number as a number. */
function fieldCell(card: Card, field: LaneField, labels: CsvLabels): CsvCell {
  const value = fieldValue(card, field);
  switch (field.widget) {
    case 'toggle':
      return value === true ? labels.yes : labels.no;
    case 'choice':
      return typeof value === 'string' ? (labels.options[field.name]?.[value] ?? value) : '';
    default:
      return value === undefined || typeof value === 'boolean' ? '' : value;
  }
}

/**
 * The lane-field cells of a row. A card keeps its fields when dragged between
 * lanes; the lane decides which ones the sheet shows, so a field its lane kind
 * does not have is an empty cell.
 */
function fieldCells(card: Card, kind: LaneKind, fields: readonly LaneField[], labels: CsvLabels): CsvCell[] {
  const own = new Set(laneFields(kind).map((f) => f.csv));
  return fields.map((field) => (own.has(field.csv) ? fieldCell(card, field, labels) : ''));
}

type CardRow = { card: Card; lane: Lane; stageName: string };

/**
 * One sheet: the header, then a row per card of `kinds` in map order. Every
 * sheet ends with votes, persona and tags (and the comments when asked for);
 * `cells` gives the columns before those, then come the `extra` ones.
 */
function sheet(
  map: MapContent,
  labels: CsvLabels,
  opts: CsvTableOptions,
  kinds: ReadonlySet<LaneKind>,
  columns: readonly CsvColumn[],
  cells: (row: CardRow, laneName: string) => CsvCell[],
  extra: readonly ExtraColumn[] = [],
): CsvCell[][] {
  const personaName = new Map(map.personas.map((p) => [p.id, p.name]));
  const named = (cs: readonly CsvColumn[]) => cs.map((c) => labels.columns[c]);
  const own = columns.slice(0, columns.length - EVERY_CARD.length);
  const header = [...named(own), ...extra.map((c) => c.header), ...named(EVERY_CARD), ...(opts.includeComments ? named(['comments']) : [])];
  const rows = cardsInMapOrder(map, kinds).map((entry) => {
    const { card, lane } = entry;
    const row: CsvCell[] = [
      ...cells(entry, lane.name.trim() || labels.laneKinds[lane.kind]),
      ...extra.map((c) => c.cell(card)),
      voteTotal(card),
      card.personaId ? (personaName.get(card.personaId) ?? '') : '',
      (card.tags ?? []).map((t) => labels.tags[t]).join(labels.listSeparator),
      labels.states[card.state ?? 'both'],
    ];
    // One comment per line: the cell wraps in the sheet and the writer quotes the line breaks.
    if (opts.includeComments) row.push((opts.commentsByCard?.get(card.id) ?? []).join('\n'));
    return row;
  });
  return [header, ...rows];
}

/** The touchpoints sheet, header first, as cells (numbers stay numbers). */
export function touchpointsTable(map: MapContent, labels: CsvLabels, opts: CsvTableOptions = {}): CsvCell[][] {
  return sheet(
    map,
    labels,
    opts,
    new Set(TOUCHPOINT_KINDS),
    TOUCHPOINT_COLUMNS,
    ({ card, lane, stageName }, laneName) => [stageName, laneName, card.text, ...fieldCells(card, lane.kind, TOUCHPOINT_FIELDS, labels)],
    personaEmotionColumns(map, labels),
  );
}

/** Pain points and opportunities in one sheet, told apart by the `type` column. */
export function insightsTable(map: MapContent, labels: CsvLabels, opts: CsvTableOptions = {}): CsvCell[][] {
  return sheet(map, labels, opts, new Set(INSIGHT_KINDS), INSIGHT_COLUMNS, ({ card, lane, stageName }, laneName) => [
    lane.kind === 'painPoints' ? labels.insightTypes.painPoint : labels.insightTypes.opportunity,
    stageName,
    laneName,
    card.text,
    ...fieldCells(card, lane.kind, INSIGHT_FIELDS, labels),
  ]);
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
