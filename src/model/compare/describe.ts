/**
 * A compare's changes in words, in the UI's language: "Text: old → new",
 * "Moved from Research / Actions to Purchase / Actions". The canvas's
 * hover cards, the changes list and the PDF page all say it the same way.
 */
import type { TFunction } from '../../i18n/translate';
import type { Card, Lane, Persona, Stage } from '../schema';
import {
  PERSONA_SCORE_FIELD,
  type CardChange,
  type FieldChange,
  type FieldValue,
  type LaneChange,
  type MapDiff,
  type StageChange,
} from './diff';

/** Where names come from: the compare's view (every stage, lane and persona of either side is there). */
export interface Names {
  stages: ReadonlyMap<string, Stage>;
  lanes: ReadonlyMap<string, Lane>;
  personas: ReadonlyMap<string, Persona>;
}

const CARD_FIELD_KEYS: Record<string, string> = {
  text: 'fields.text',
  emotion: 'fields.emotion',
  channel: 'fields.channel',
  media: 'fields.media',
  importance: 'fields.importance',
  momentOfTruth: 'fields.momentOfTruth',
  severity: 'fields.severity',
  type: 'fields.type',
  impact: 'fields.impact',
  effort: 'fields.effort',
  metric: 'fields.metric',
  value: 'fields.value',
  target: 'fields.target',
  unit: 'fields.unit',
  direction: 'fields.direction',
};

/** The persona whose score a `personaEmotions.<id>` field is, or null for any other field. */
const scoredPersona = (field: string): string | null =>
  field.startsWith(PERSONA_SCORE_FIELD) ? field.slice(PERSONA_SCORE_FIELD.length) : null;

export function fieldLabel(t: TFunction, field: string, names?: Names): string {
  const personaId = scoredPersona(field);
  if (personaId !== null) return t('personaScores.compareField', { name: names?.personas.get(personaId)?.name || t('personas.unnamed') });
  return t(CARD_FIELD_KEYS[field] ?? `compare.fields.${field}`);
}

const MAX_VALUE_CHARS = 80;

export function formatValue(t: TFunction, field: string, value: FieldValue, names: Names): string {
  // A card without a state is in both: "–" would say it has none.
  if (field === 'state') return t(value === 'current' ? 'states.inCurrent' : value === 'future' ? 'states.inFuture' : 'states.inBoth');
  if (value === null || value === '') return t('compare.empty');
  if (field === 'realisedBy' && Array.isArray(value)) return String(value.length);
  if (typeof value === 'boolean') return t(value ? 'compare.yes' : 'compare.no');
  if (Array.isArray(value)) return value.map((v) => (field === 'tags' ? t(`tags.${v}`) : v)).join(', ');
  const isScore = field === 'emotion' || scoredPersona(field) !== null;
  if (typeof value === 'number') return isScore && value > 0 ? `+${value}` : String(value);
  const text = (() => {
    switch (field) {
      case 'channel':
        return t(`channels.${value}`);
      case 'media':
        return t(`media.${value}`);
      case 'type':
        return t(`opportunityTypes.${value}`);
      case 'direction':
        return t(`kpi.direction.${value}`);
      case 'kind':
        return t(`laneKinds.${value}`);
      case 'personaId':
        return names.personas.get(value)?.name || t('compare.empty');
      default:
        return value;
    }
  })();
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_VALUE_CHARS ? `${flat.slice(0, MAX_VALUE_CHARS - 1)}…` : flat;
}

export function describeField(t: TFunction, change: FieldChange, names: Names): string {
  return t('compare.fieldChange', {
    field: fieldLabel(t, change.field, names),
    before: formatValue(t, change.field, change.before, names),
    after: formatValue(t, change.field, change.after, names),
  });
}

const cellName = (t: TFunction, card: Card, names: Names) =>
  t('compare.cell', { stage: names.stages.get(card.stageId)?.name ?? '', lane: names.lanes.get(card.laneId)?.name ?? '' });

/** What happened to a card, one line each: its changed fields, where it moved. Empty for an added or removed card. */
export function describeCardChange(t: TFunction, change: CardChange, names: Names): string[] {
  const lines = change.fields.map((f) => describeField(t, f, names));
  if (change.moved && change.before && change.after) {
    lines.push(t('compare.moved', { from: cellName(t, change.before, names), to: cellName(t, change.after, names) }));
  } else if (change.reordered) lines.push(t('compare.reordered'));
  return lines;
}

export function describeHeaderChange(t: TFunction, change: StageChange | LaneChange, names: Names): string[] {
  const lines = change.fields.map((f) => describeField(t, f, names));
  if (change.reordered) lines.push(t('compare.reorderedHeader'));
  return lines;
}

/** A card's title in lists: its text (or the metric of a KPI), one line. */
export function cardTitle(t: TFunction, card: Card): string {
  const text = (card.text || card.metric || '').replace(/\s+/g, ' ').trim();
  if (!text) return t('keyboard.untitled');
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

export const namesOf = (view: {
  stages: Record<string, Stage>;
  lanes: Record<string, Lane>;
  personas: Record<string, Persona>;
}): Names => ({
  stages: new Map(Object.entries(view.stages)),
  lanes: new Map(Object.entries(view.lanes)),
  personas: new Map(Object.entries(view.personas)),
});

/** "3 added · 1 removed · 5 changed · 2 moved", every kind of entity counted together. */
export function summaryLine(t: TFunction, diff: MapDiff): string {
  const { stages, lanes, cards } = diff.counts;
  // A card only moved counts as moved; one moved and edited as both.
  const edited = diff.cards.filter((c) => c.change === 'changed' && (c.fields.length > 0 || !c.moved)).length;
  return t('compare.summary', {
    added: stages.added + lanes.added + cards.added,
    removed: stages.removed + lanes.removed + cards.removed,
    changed: stages.changed + lanes.changed + edited + (diff.meta.length > 0 ? 1 : 0),
    moved: cards.moved,
  });
}
