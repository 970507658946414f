/**
 * Which card fields each kind of lane has: the one table the inspector, the
 * card's facets, the exports and the CSV sheets read, so a field added to a
 * lane kind is added everywhere at once. Per field: its widget, its default
 * on a new card, the i18n key of its label (and of its options), the facet a
 * card shows for it and its CSV column. Pure data, no React, no i18n.
 *
 * Fields every card has (text, persona, tags, votes) are not listed: they are
 * not a lane kind's business. Nor are the persona scores (personaEmotions):
 * one per persona, edited by the inspector's persona score inputs.
 */
import { TEXT_LIMITS } from './limits';
import {
  CHANNELS,
  EMOTION_MAX,
  EMOTION_MIN,
  KPI_DIRECTIONS,
  LANE_KINDS,
  MEDIA,
  OPPORTUNITY_TYPES,
  type Card,
  type LaneKind,
} from './schema';

/** Card fields that belong to a lane kind. */
export type LaneFieldName = Exclude<
  keyof Card,
  'id' | 'order' | 'laneId' | 'stageId' | 'text' | 'personaId' | 'tags' | 'votes' | 'state' | 'realisedBy' | 'personaEmotions'
>;

/**
 * What a card shows for a field, at its foot (CardFacets, export/drawing/cardFacets):
 * an icon for the option, importance dots, an emotion face, a severity pill,
 * the opportunity type's pill, "Impact 4 · Effort 2".
 */
export type FacetKind = 'optionIcon' | 'dots' | 'face' | 'severity' | 'typePill' | 'impactEffort';

/** The CSV columns that come from lane fields (header keys metrics.csv.columns.*). */
export type CsvFieldColumn =
  'channel' | 'media' | 'emotion' | 'importance' | 'momentOfTruth' | 'severity' | 'opportunityType' | 'impact' | 'effort';

interface FieldBase<N extends LaneFieldName> {
  name: N;
  /** i18n key of the field's label */
  label: string;
  facet?: FacetKind;
  csv?: CsvFieldColumn;
  /** short (a number, a unit): the inspector sets it beside its short neighbours */
  short?: boolean;
}

/** One of a fixed list; options are labelled `${optionLabels}.${option}` in i18n. */
export interface ChoiceField extends FieldBase<'channel' | 'media' | 'type' | 'direction'> {
  widget: 'choice';
  options: readonly string[];
  optionLabels: string;
  /** without a default, "none" is an option */
  default?: string;
}

/** A whole number on a scale (1–5, or −5…+5 for emotion). */
export interface ScaleField extends FieldBase<'importance' | 'emotion' | 'severity' | 'impact' | 'effort'> {
  widget: 'scale';
  min: number;
  max: number;
  /** options labelled `${optionLabels}.${n}` in i18n; without it the number itself (signed when min < 0) */
  optionLabels?: string;
  default?: number;
}

export interface ToggleField extends FieldBase<'momentOfTruth'> {
  widget: 'toggle';
}

export interface TextField extends FieldBase<'metric' | 'unit'> {
  widget: 'text';
  maxLength: number;
  /** i18n key of a list of suggestions, or the suggestions themselves (not words) */
  suggestions?: string | readonly string[];
  /** an emptied field is removed rather than kept as '' */
  emptyIsUnset?: boolean;
  default?: string;
}

export interface NumberField extends FieldBase<'value' | 'target'> {
  widget: 'number';
}

export type LaneField = ChoiceField | ScaleField | ToggleField | TextField | NumberField;
export type FieldWidget = LaneField['widget'];

const emotion = (facet?: FacetKind): ScaleField => ({
  name: 'emotion',
  label: 'fields.emotion',
  widget: 'scale',
  min: EMOTION_MIN,
  max: EMOTION_MAX,
  default: 0,
  csv: 'emotion',
  ...(facet ? { facet } : {}),
});

/** Units offered for a KPI; the field stays free text. */
export const KPI_UNITS = ['%', 'pts', 'min', 'h', 'days', '¥', '$', '€'] as const;

/** Per lane kind, its fields in the order the inspector, the card and the CSV show them. */
export const LANE_FIELDS: Readonly<Record<LaneKind, readonly LaneField[]>> = {
  actions: [],
  thoughts: [],
  touchpoints: [
    {
      name: 'channel',
      label: 'fields.channel',
      widget: 'choice',
      options: CHANNELS,
      optionLabels: 'channels',
      facet: 'optionIcon',
      csv: 'channel',
    },
    { name: 'media', label: 'fields.media', widget: 'choice', options: MEDIA, optionLabels: 'media', facet: 'optionIcon', csv: 'media' },
    emotion('face'),
    { name: 'importance', label: 'fields.importance', widget: 'scale', min: 1, max: 5, default: 3, facet: 'dots', csv: 'importance' },
    // Shown by the card's badge and frame, not as a facet.
    { name: 'momentOfTruth', label: 'fields.momentOfTruth', widget: 'toggle', csv: 'momentOfTruth' },
  ],
  // The lane draws a curve: its points' faces are the curve's, not facets.
  emotions: [emotion()],
  painPoints: [
    {
      name: 'severity',
      label: 'fields.severity',
      widget: 'scale',
      min: 1,
      max: 5,
      optionLabels: 'severity',
      default: 3,
      facet: 'severity',
      csv: 'severity',
    },
  ],
  opportunities: [
    {
      name: 'type',
      label: 'fields.type',
      widget: 'choice',
      options: OPPORTUNITY_TYPES,
      optionLabels: 'opportunityTypes',
      default: 'quickWin',
      facet: 'typePill',
      csv: 'opportunityType',
    },
    // Impact and effort show as one facet, "Impact 4 · Effort 2", under impact.
    { name: 'impact', label: 'fields.impact', widget: 'scale', min: 1, max: 5, default: 3, facet: 'impactEffort', csv: 'impact' },
    { name: 'effort', label: 'fields.effort', widget: 'scale', min: 1, max: 5, default: 3, csv: 'effort' },
  ],
  backstage: [],
  // A KPI card shows its own body (metric, value against target) instead of facets.
  kpis: [
    {
      name: 'metric',
      label: 'fields.metric',
      widget: 'text',
      maxLength: TEXT_LIMITS.cardMetric,
      suggestions: 'kpi.suggestions',
      default: '',
    },
    { name: 'value', label: 'fields.value', widget: 'number', short: true },
    { name: 'target', label: 'fields.target', widget: 'number', short: true },
    {
      name: 'unit',
      label: 'fields.unit',
      widget: 'text',
      maxLength: TEXT_LIMITS.cardUnit,
      suggestions: KPI_UNITS,
      emptyIsUnset: true,
      short: true,
    },
    {
      name: 'direction',
      label: 'fields.direction',
      widget: 'choice',
      options: KPI_DIRECTIONS,
      optionLabels: 'kpi.direction',
      default: 'higher',
    },
  ],
  notes: [],
};

/** A lane kind's fields (none for an unknown kind). */
export const laneFields = (kind: LaneKind | undefined): readonly LaneField[] => (kind ? LANE_FIELDS[kind] : []);

/** The options of a scale field, highest first for a signed scale (emotion reads +5 at the top, as the curve does). */
export function scaleOptions(field: ScaleField): number[] {
  const up = Array.from({ length: field.max - field.min + 1 }, (_, i) => field.min + i);
  return field.min < 0 ? up.reverse() : up;
}

/** A field's value on a card, whatever its type. */
export const fieldValue = (card: Card, field: LaneField): Card[LaneFieldName] => card[field.name];

/** What a new card in a lane of this kind starts with, so it shows up where people expect (a touchpoint on the curve). */
export function defaultFields(kind: LaneKind | undefined): Partial<Pick<Card, LaneFieldName>> {
  const out: Partial<Record<LaneFieldName, unknown>> = {};
  for (const field of laneFields(kind)) if ('default' in field && field.default !== undefined) out[field.name] = field.default;
  return out as Partial<Pick<Card, LaneFieldName>>;
}

/** The lane fields that have a CSV column, in sheet order, over lane kinds (a field shared by two kinds once). */
export function csvFields(kinds: readonly LaneKind[]): LaneField[] {
  const seen = new Set<CsvFieldColumn>();
  const out: LaneField[] = [];
  for (const kind of kinds)
    for (const field of LANE_FIELDS[kind])
      if (field.csv && !seen.has(field.csv)) {
        seen.add(field.csv);
        out.push(field);
      }
  return out;
}

/** Every choice field's options by field name (one list per name across kinds), for labels built once. */
export function choiceFields(): ChoiceField[] {
  const byName = new Map<string, ChoiceField>();
  for (const kind of LANE_KINDS) for (const field of LANE_FIELDS[kind]) if (field.widget === 'choice') byName.set(field.name, field);
  return [...byName.values()];
}
