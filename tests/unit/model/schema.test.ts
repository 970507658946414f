import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  buildTemplate,
  CardSchema,
  docToMapDocument,
  loadMapDocument,
  MapDocumentSchema,
  StageSchema,
  TEMPLATE_IDS,
  LOCALES,
  type MapDocument,
} from '../../../src/model';

const issuePaths = (value: unknown) => {
  const r = MapDocumentSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('schemas', () => {
  it('accepts valid entities and rejects out-of-range or mistyped fields', () => {
    const card = { id: 'c1', order: 'a0', laneId: 'l1', stageId: 's1', text: '你好' };
    expect(CardSchema.parse(card)).toEqual(card);
    expect(CardSchema.safeParse({ ...card, emotion: 6 }).success).toBe(false);
    expect(CardSchema.safeParse({ ...card, emotion: 1.5 }).success).toBe(false);
    expect(CardSchema.safeParse({ ...card, importance: 0 }).success).toBe(false);
    expect(CardSchema.safeParse({ ...card, channel: 'fax' }).success).toBe(false);
    expect(CardSchema.safeParse({ ...card, id: 'has space' }).success).toBe(false);
    expect(CardSchema.safeParse({ ...card, text: 42 }).success).toBe(false);
    expect(StageSchema.safeParse({ id: 's', order: 'a0', name: 'x', description: '', color: 'red' }).success).toBe(false);
  });

  it('reports dangling references and key/id mismatches by path', () => {
    const map = buildTemplate('subscription', { locale: 'en' });
    const [cardId, card] = Object.entries(map.cards)[0]!;
    const broken: MapDocument = JSON.parse(JSON.stringify(map));
    broken.cards[cardId] = { ...card, laneId: 'ghostLane', personaId: 'ghostPersona' };
    const [stageId, stage] = Object.entries(broken.stages)[0]!;
    broken.stages[stageId] = { ...stage, id: 'other' };
    const paths = issuePaths(broken);
    expect(paths).toContain(`cards.${cardId}.laneId`);
    expect(paths).toContain(`cards.${cardId}.personaId`);
    expect(paths).toContain(`stages.${stageId}.id`);
  });

  it('does not let __proto__ keys pollute Object.prototype', () => {
    const text =
      '{"schemaVersion":1,"meta":{"__proto__":{"polluted":true}},"personas":{"__proto__":{"polluted":true}},"stages":{},"lanes":{},"cards":{}}';
    const result = MapDocumentSchema.safeParse(JSON.parse(text));
    expect(result.success).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('templates round-trip through the document', () => {
  for (const template of TEMPLATE_IDS) {
    for (const locale of LOCALES) {
      it(`${template} (${locale})`, () => {
        const map = buildTemplate(template, { locale, now: 1 });
        expect(MapDocumentSchema.parse(map)).toEqual(map);
        const doc = new Y.Doc();
        loadMapDocument(doc, map);
        expect(docToMapDocument(doc)).toEqual(map);
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
        expect(docToMapDocument(copy)).toEqual(map);
      });
    }
  }

  it('the Chinese template is written in Chinese', () => {
    const map = buildTemplate('subscription', { locale: 'zh-CN' });
    expect(map.meta.title).toBe('订阅制电商客户旅程');
    expect(Object.values(map.stages).map((s) => s.name)).toEqual(['认知', '考虑', '决策', '入门', '使用', '推荐']);
  });
});
