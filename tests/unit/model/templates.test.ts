import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  buildTemplate,
  docToMapDocument,
  loadMapDocument,
  MapDocumentSchema,
  sortOrdered,
  LOCALES,
  TEMPLATE_IDS,
  type Card,
  type Lane,
  type LaneKind,
  type Locale,
  type MapDocument,
  type TemplateId,
} from '../../../src/model';
import { kpiStatus } from '../../../src/model/journey';

const CJK = /[\u4e00-\u9fff]/;

/** A built template, with its entities in display order. */
function build(template: TemplateId, locale: Locale) {
  const map = buildTemplate(template, { locale, now: 1_700_000_000_000 });
  const stages = sortOrdered(Object.values(map.stages));
  const lanes = sortOrdered(Object.values(map.lanes));
  const cards = Object.values(map.cards);
  const stageIndex = (card: Card) => stages.findIndex((s) => s.id === card.stageId);
  const laneOf = (card: Card) => map.lanes[card.laneId]!;
  const inLanes = (kind: LaneKind) => cards.filter((c) => laneOf(c).kind === kind);
  return { map, stages, lanes, cards, stageIndex, laneOf, inLanes };
}

const EXAMPLES = TEMPLATE_IDS.filter((id) => id !== 'blank');

describe('built-in templates', () => {
  for (const template of TEMPLATE_IDS) {
    for (const locale of LOCALES) {
      describe(`${template} (${locale})`, () => {
        it('validates as a map document', () => {
          const { map } = build(template, locale);
          const parsed = MapDocumentSchema.safeParse(map);
          expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
          expect(map.meta.locale).toBe(locale);
        });

        it('round-trips through a Y.Doc', () => {
          const { map } = build(template, locale);
          const doc = new Y.Doc();
          loadMapDocument(doc, map);
          expect(docToMapDocument(doc)).toEqual(map);
        });

        it('is written in its own language', () => {
          const { map, stages, cards } = build(template, locale);
          const texts = [map.meta.title, ...stages.map((s) => s.name), ...cards.map((c) => c.text)];
          for (const text of texts) {
            if (locale === 'zh-CN') expect(text, text).toMatch(CJK);
            else expect(text, text).not.toMatch(CJK);
          }
          for (const persona of Object.values(map.personas)) {
            const personaTexts = [persona.name, persona.role, persona.quote, ...persona.goals, ...persona.needs, ...persona.frustrations];
            for (const text of personaTexts) {
              if (locale === 'zh-CN') expect(text, text).toMatch(CJK);
              else expect(text, text).not.toMatch(CJK);
            }
          }
        });
      });
    }
  }

  for (const template of EXAMPLES) {
    for (const locale of LOCALES) {
      describe(`${template} (${locale}) content`, () => {
        it('follows a fully described persona', () => {
          const { map, cards } = build(template, locale);
          const personas = Object.values(map.personas);
          expect(personas.length).toBeGreaterThanOrEqual(1);
          expect(map.meta.personaId).toBeDefined();
          expect(map.personas[map.meta.personaId!]).toBeDefined();
          for (const p of personas) {
            for (const field of [p.name, p.role, p.segment, p.quote, p.archetype, p.avatar]) expect(field.trim()).not.toBe('');
            for (const list of [p.goals, p.needs, p.frustrations]) {
              expect(list.length).toBeGreaterThanOrEqual(2);
              expect(list.length).toBeLessThanOrEqual(4);
            }
            expect(['explorer', 'sage', 'lover', 'caregiver', 'ruler', 'creator', 'hero', 'everyman']).toContain(p.archetype);
          }
          expect(cards.some((c) => c.personaId === map.meta.personaId)).toBe(true);
          expect(map.meta.description.trim()).not.toBe('');
        });

        it('has a sized, readable grid', () => {
          const { stages, lanes, cards } = build(template, locale);
          expect(cards.length).toBeGreaterThanOrEqual(35);
          expect(cards.length).toBeLessThanOrEqual(70);
          expect(stages.length).toBeGreaterThanOrEqual(6);
          expect(stages.length).toBeLessThanOrEqual(8);
          for (const s of stages) {
            if (locale === 'en') expect(s.name.split(/\s+/).length, s.name).toBeLessThanOrEqual(3);
            else expect([...s.name].length, s.name).toBeLessThanOrEqual(4);
          }
          for (const c of cards) expect(c.text.length, c.text).toBeLessThanOrEqual(80);
          // Backstage lanes sit below every customer-facing lane.
          const firstBackstage = lanes.findIndex((l) => l.kind === 'backstage');
          expect(firstBackstage).toBeGreaterThan(0);
          expect(lanes.slice(firstBackstage).every((l: Lane) => l.kind === 'backstage' && l.department !== '')).toBe(true);
        });

        it('scores touchpoints, pain points, opportunities and KPIs', () => {
          const { cards, stages, inLanes, stageIndex } = build(template, locale);
          const touchpoints = inLanes('touchpoints');
          expect(touchpoints.length).toBeGreaterThan(0);
          for (const c of touchpoints) {
            expect(c.emotion, c.text).toBeTypeOf('number');
            expect(c.channel, c.text).toBeDefined();
            expect(c.media, c.text).toBeDefined();
            expect(c.importance, c.text).toBeDefined();
            expect(c.momentOfTruth, c.text).toBeTypeOf('boolean');
          }
          expect(touchpoints.some((c) => c.momentOfTruth)).toBe(true);
          // The curve goes up and down.
          const scores = [...touchpoints, ...inLanes('emotions')].map((c) => c.emotion!);
          expect(Math.min(...scores)).toBeLessThan(0);
          expect(Math.max(...scores)).toBeGreaterThan(0);
          for (const c of inLanes('emotions')) expect(c.emotion, c.text).toBeTypeOf('number');

          const pains = inLanes('painPoints');
          expect(pains.length).toBeGreaterThan(0);
          for (const c of pains) expect(c.severity, c.text).toBeTypeOf('number');

          const opportunities = inLanes('opportunities');
          expect(opportunities.length).toBeGreaterThan(0);
          for (const c of opportunities) {
            expect(c.type, c.text).toBeDefined();
            expect(c.impact, c.text).toBeTypeOf('number');
            expect(c.effort, c.text).toBeTypeOf('number');
          }

          const kpis = inLanes('kpis');
          for (const c of kpis) {
            expect(c.metric?.trim(), c.text).toBeTruthy();
            expect(c.value, c.text).toBeTypeOf('number');
            expect(c.target, c.text).toBeTypeOf('number');
            expect(c.direction, c.text).toBeDefined();
          }
          // One or two per stage; some on target, some clearly off.
          for (let i = 0; i < stages.length; i++) {
            const n = kpis.filter((c) => stageIndex(c) === i).length;
            expect(n, stages[i]!.name).toBeGreaterThanOrEqual(1);
            expect(n, stages[i]!.name).toBeLessThanOrEqual(2);
          }
          const statuses = kpis.map(kpiStatus);
          expect(statuses).toContain('off-target');
          expect(statuses).toContain('on-target');

          expect(cards.some((c) => c.tags?.length)).toBe(true);
        });
      });
    }

    it(`${template}: en and zh-CN tell the same story`, () => {
      const en = build(template, 'en');
      const zh = build(template, 'zh-CN');
      expect(zh.stages.length).toBe(en.stages.length);
      expect(zh.lanes.map((l) => l.kind)).toEqual(en.lanes.map((l) => l.kind));
      expect(zh.cards.length).toBe(en.cards.length);
      expect(Object.keys(zh.map.personas).length).toBe(Object.keys(en.map.personas).length);
      // Same cards in the same cells, with the same scores.
      const shape = ({ map, cards, stageIndex }: ReturnType<typeof build>) =>
        cards
          .map((c) => {
            const {
              id: _id,
              order: _order,
              laneId: _laneId,
              stageId: _stageId,
              text: _text,
              personaId,
              metric: _metric,
              unit: _unit,
              ...rest
            } = c;
            return JSON.stringify({ stage: stageIndex(c), lane: map.lanes[c.laneId]!.kind, persona: personaId !== undefined, ...rest });
          })
          .sort();
      expect(shape(zh)).toEqual(shape(en));
    });
  }
});

/** Cards of a lane kind whose text contains every one of the given substrings. */
function find(map: MapDocument, kind: LaneKind, parts: string[]): Card[] {
  return Object.values(map.cards).filter(
    (c) => map.lanes[c.laneId]!.kind === kind && parts.every((p) => c.text.toLowerCase().includes(p.toLowerCase())),
  );
}

describe('subscription template', () => {
  const PAINS: Record<Locale, string[][]> = {
    en: [['confirmation e-mail', 'late'], ['cancellation', 'unclear'], ['size chart']],
    'zh-CN': [['确认邮件', '晚'], ['退订', '不清楚'], ['份量']],
  };
  const STAGES: Record<Locale, string[]> = {
    en: ['Awareness', 'Consideration', 'Decision', 'Onboarding', 'Usage', 'Advocacy'],
    'zh-CN': ['认知', '考虑', '决策', '入门', '使用', '推荐'],
  };

  for (const locale of LOCALES) {
    it(`has the six stages in order and the known pain points (${locale})`, () => {
      const { map, stages } = build('subscription', locale);
      expect(stages.map((s) => s.name)).toEqual(STAGES[locale]);
      for (const parts of PAINS[locale]) expect(find(map, 'painPoints', parts), parts.join(' + ')).toHaveLength(1);
    });
  }
});

describe('backpack template', () => {
  /** The story's steps, in order, as a distinctive piece of a customer-action card. */
  const STEPS: Record<Locale, string[]> = {
    en: ['Reads a review', 'as a guest', 'not green', 'Calls support', 'packing class', 'greeted by name'],
    'zh-CN': ['测评笔记', '游客身份', '不是下单的墨绿色', '客服热线', '打包课', '叫出她的名字'],
  };

  for (const locale of LOCALES) {
    it(`tells the story's steps in stage order (${locale})`, () => {
      const { map, stageIndex } = build('backpack', locale);
      const positions = STEPS[locale].map((step) => {
        const found = find(map, 'actions', [step]);
        expect(found, step).toHaveLength(1);
        return stageIndex(found[0]!);
      });
      for (let i = 1; i < positions.length; i++) expect(positions[i], STEPS[locale][i]).toBeGreaterThan(positions[i - 1]!);
    });

    it(`marks the support call and the store visit as moments of truth (${locale})`, () => {
      const { map, stageIndex } = build('backpack', locale);
      const moments = Object.values(map.cards).filter((c) => c.momentOfTruth);
      const supportStage = stageIndex(find(map, 'actions', [STEPS[locale][3]!])[0]!);
      const storeStage = stageIndex(find(map, 'actions', [STEPS[locale][5]!])[0]!);
      expect(moments.map(stageIndex)).toEqual(expect.arrayContaining([supportStage, storeStage]));
    });
  }
});
