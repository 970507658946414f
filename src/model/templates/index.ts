/**
 * Built-in templates, produced in the open format (a MapDocument), so a
 * template is exactly what an import of the same JSON would give.
 */
import { newId } from '../doc';
import { keysAfter } from '../order';
import { SCHEMA_VERSION, type Card, type Lane, type Locale, type MapDocument, type Stage, type TemplateId } from '../schema';
import { STAGE_COLORS } from '../commands/stages';
import { defaultLanes, defaultStages } from './defaults';
import { subscriptionCards, subscriptionTitle, type TemplateCards } from './subscription';

export interface TemplateOptions {
  locale: Locale;
  title?: string;
  now?: number;
}

const UNTITLED: Record<Locale, string> = { en: 'Untitled journey', 'zh-CN': '未命名旅程' };

function gridDocument(title: string, opts: TemplateOptions, content: TemplateCards): MapDocument {
  const now = opts.now ?? Date.now();
  const stageSeeds = defaultStages(opts.locale);
  const laneSeeds = defaultLanes(opts.locale);
  const stageKeys = keysAfter(null, stageSeeds.length);
  const laneKeys = keysAfter(null, laneSeeds.length);
  const stages: Record<string, Stage> = {};
  const lanes: Record<string, Lane> = {};
  const stageIdByKey = new Map<string, string>();
  const laneIdByKey = new Map<string, string>();
  stageSeeds.forEach((s, i) => {
    const id = newId();
    stageIdByKey.set(s.key, id);
    stages[id] = { id, order: stageKeys[i]!, name: s.name, description: s.description, color: STAGE_COLORS[i % STAGE_COLORS.length]! };
  });
  laneSeeds.forEach((l, i) => {
    const id = newId();
    laneIdByKey.set(l.key, id);
    lanes[id] = { id, order: laneKeys[i]!, kind: l.kind, name: l.name, department: l.department ?? '' };
  });
  const cards: Record<string, Card> = {};
  for (const [stageKey, byLane] of Object.entries(content)) {
    for (const [laneKey, texts] of Object.entries(byLane)) {
      const stageId = stageIdByKey.get(stageKey);
      const laneId = laneIdByKey.get(laneKey);
      if (!stageId || !laneId) throw new Error(`template refers to unknown cell ${stageKey}/${laneKey}`);
      const keys = keysAfter(null, texts.length);
      texts.forEach((text, i) => {
        const id = newId();
        cards[id] = { id, order: keys[i]!, laneId, stageId, text };
      });
    }
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    meta: { schemaVersion: SCHEMA_VERSION, title, description: '', locale: opts.locale, createdAt: now, updatedAt: now },
    personas: {},
    stages,
    lanes,
    cards,
  };
}

export function buildTemplate(template: TemplateId, opts: TemplateOptions): MapDocument {
  switch (template) {
    case 'blank':
      return gridDocument(opts.title || UNTITLED[opts.locale], opts, {});
    case 'subscription':
      return gridDocument(opts.title || subscriptionTitle(opts.locale), opts, subscriptionCards(opts.locale));
  }
}
