import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, defaultFieldsFor } from '../../../src/model/commands/cards';
import { createLiveMap } from '../../../src/model/live';
import { buildTemplate, docFromMapDocument } from '../../../src/model';
import { csvFields, defaultFields, LANE_FIELDS, laneFields, scaleOptions, type ScaleField } from '../../../src/model/laneFields';
import { CardSchema, LANE_KINDS } from '../../../src/model/schema';
import { INSIGHT_COLUMNS, TOUCHPOINT_COLUMNS } from '../../../src/model/exchange/csvTables';
import { translatorFor } from '../../../src/i18n/language';

describe('the lane-field table', () => {
  it('lists every lane kind, and only fields the card schema has', () => {
    expect(Object.keys(LANE_FIELDS).sort()).toEqual([...LANE_KINDS].sort());
    for (const kind of LANE_KINDS) for (const field of LANE_FIELDS[kind]) expect(Object.keys(CardSchema.shape)).toContain(field.name);
    expect(laneFields(undefined)).toEqual([]);
  });

  it('gives new cards the defaults people expect, each one valid for the schema', () => {
    expect(defaultFields('touchpoints')).toEqual({ emotion: 0, importance: 3 });
    expect(defaultFields('emotions')).toEqual({ emotion: 0 });
    expect(defaultFields('painPoints')).toEqual({ severity: 3 });
    expect(defaultFields('opportunities')).toEqual({ type: 'quickWin', impact: 3, effort: 3 });
    expect(defaultFields('kpis')).toEqual({ metric: '', direction: 'higher' });
    expect(defaultFields('notes')).toEqual({});
    for (const kind of LANE_KINDS) expect(CardSchema.partial().safeParse(defaultFields(kind)).success).toBe(true);
  });

  it('is what addCard gives a new card', () => {
    const doc = docFromMapDocument(buildTemplate('blank', { locale: 'en' }));
    const live = createLiveMap(doc);
    const lane = live.getSnapshot().lanes.find((l) => l.kind === 'opportunities')!;
    const stage = live.getSnapshot().stages[0]!;
    const id = addCard(doc, { laneId: lane.id, stageId: stage.id, text: 'Live chat', fields: defaultFieldsFor('opportunities') });
    expect(live.getSnapshot().cardById.get(id)).toMatchObject({ type: 'quickWin', impact: 3, effort: 3 });
    expect(doc).toBeInstanceOf(Y.Doc);
  });

  it('has a label, in both languages, for every field and every option', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = translatorFor(locale);
      for (const kind of LANE_KINDS)
        for (const field of LANE_FIELDS[kind]) {
          expect(t(field.label), `${locale} ${field.label}`).not.toBe(field.label);
          if (field.widget === 'choice')
            for (const o of field.options) expect(t(`${field.optionLabels}.${o}`)).not.toBe(`${field.optionLabels}.${o}`);
          if (field.widget === 'scale' && field.optionLabels)
            for (const n of scaleOptions(field)) expect(t(`${field.optionLabels}.${n}`)).not.toBe(`${field.optionLabels}.${n}`);
          if (field.widget === 'text' && typeof field.suggestions === 'string')
            expect(Array.isArray(t(field.suggestions, { returnObjects: true }))).toBe(true);
        }
    }
  });

  it('orders a scale low to high, a signed one (emotion) from +5 down', () => {
    const [importance] = LANE_FIELDS.touchpoints.filter((f) => f.name === 'importance') as ScaleField[];
    const [emotion] = LANE_FIELDS.emotions as ScaleField[];
    expect(scaleOptions(importance!)).toEqual([1, 2, 3, 4, 5]);
    expect(scaleOptions(emotion!)).toEqual([5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5]);
  });

  it('gives the CSV sheets their columns, as the format has them', () => {
    expect(csvFields(['touchpoints']).map((f) => f.csv)).toEqual(['channel', 'media', 'emotion', 'importance', 'momentOfTruth']);
    expect(TOUCHPOINT_COLUMNS).toEqual([
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
      'state',
    ]);
    expect(INSIGHT_COLUMNS).toEqual([
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
      'state',
    ]);
  });
});
