/**
 * Built-in templates, produced in the open format (a MapDocument), so a
 * template is exactly what an import of the same JSON would give.
 */
import { newId } from '../doc';
import { keysAfter } from '../order';
import {
  DEFAULT_VOTES_PER_PARTICIPANT,
  SCHEMA_VERSION,
  type Card,
  type Lane,
  type Locale,
  type MapDocument,
  type Persona,
  type Stage,
  type TemplateId,
} from '../schema';
import { STAGE_COLORS } from '../commands/stages';
import { defaultLanes, defaultStages } from './defaults';
import type { TemplateSpec } from './spec';
import { backpackTemplate } from './backpack';
import { subscriptionTemplate } from './subscription';
import { b2bTemplate } from './b2b';

export interface TemplateOptions {
  locale: Locale;
  title?: string;
  now?: number;
}

const UNTITLED: Record<Locale, string> = { en: 'Untitled journey', 'zh-CN': '未命名旅程' };

const blankTemplate: Record<Locale, TemplateSpec> = {
  en: { title: UNTITLED.en, description: '', personas: [], stages: defaultStages('en'), lanes: defaultLanes('en'), cards: [] },
  'zh-CN': {
    title: UNTITLED['zh-CN'],
    description: '',
    personas: [],
    stages: defaultStages('zh-CN'),
    lanes: defaultLanes('zh-CN'),
    cards: [],
  },
};

export const TEMPLATES: Record<TemplateId, Record<Locale, TemplateSpec>> = {
  blank: blankTemplate,
  backpack: backpackTemplate,
  subscription: subscriptionTemplate,
  b2b: b2bTemplate,
};

/** Keys of a spec, resolved to fresh ids; an unknown key is a bug in the template. */
function idsFor(kind: string, keys: string[]): (key: string) => string {
  const ids = new Map(keys.map((k) => [k, newId()]));
  if (ids.size !== keys.length) throw new Error(`template has duplicate ${kind} keys`);
  return (key) => {
    const id = ids.get(key);
    if (!id) throw new Error(`template refers to unknown ${kind} "${key}"`);
    return id;
  };
}

export function buildFromSpec(spec: TemplateSpec, opts: TemplateOptions): MapDocument {
  const now = opts.now ?? Date.now();
  const personaId = idsFor(
    'persona',
    spec.personas.map((p) => p.key),
  );
  const stageId = idsFor(
    'stage',
    spec.stages.map((s) => s.key),
  );
  const laneId = idsFor(
    'lane',
    spec.lanes.map((l) => l.key),
  );

  const personas: Record<string, Persona> = {};
  const personaKeys = keysAfter(null, spec.personas.length);
  spec.personas.forEach(({ key, ...fields }, i) => {
    const id = personaId(key);
    personas[id] = { ...fields, id, order: personaKeys[i]! };
  });
  const stages: Record<string, Stage> = {};
  const stageKeys = keysAfter(null, spec.stages.length);
  spec.stages.forEach((s, i) => {
    const id = stageId(s.key);
    stages[id] = { id, order: stageKeys[i]!, name: s.name, description: s.description, color: STAGE_COLORS[i % STAGE_COLORS.length]! };
  });
  const lanes: Record<string, Lane> = {};
  const laneKeys = keysAfter(null, spec.lanes.length);
  spec.lanes.forEach((l, i) => {
    const id = laneId(l.key);
    lanes[id] = { id, order: laneKeys[i]!, kind: l.kind, name: l.name, department: l.department ?? '' };
  });

  // Cards keep the spec's order within each cell.
  const cells = new Map<string, TemplateSpec['cards']>();
  for (const card of spec.cards) {
    const cell = `${laneId(card.lane)}/${stageId(card.stage)}`;
    cells.set(cell, [...(cells.get(cell) ?? []), card]);
  }
  const cards: Record<string, Card> = {};
  for (const cellCards of cells.values()) {
    const keys = keysAfter(null, cellCards.length);
    cellCards.forEach(({ stage, lane, persona, ...fields }, i) => {
      const id = newId();
      const card: Card = { ...fields, id, order: keys[i]!, laneId: laneId(lane), stageId: stageId(stage), votes: {} };
      if (persona) card.personaId = personaId(persona);
      cards[id] = card;
    });
  }

  return {
    schemaVersion: SCHEMA_VERSION,
    meta: {
      schemaVersion: SCHEMA_VERSION,
      title: opts.title || spec.title,
      description: spec.description,
      locale: opts.locale,
      createdAt: now,
      updatedAt: now,
      votesPerParticipant: spec.votesPerParticipant ?? DEFAULT_VOTES_PER_PARTICIPANT,
      ...(spec.follows ? { personaId: personaId(spec.follows) } : {}),
    },
    personas,
    stages,
    lanes,
    cards,
  };
}

export function buildTemplate(template: TemplateId, opts: TemplateOptions): MapDocument {
  return buildFromSpec(TEMPLATES[template][opts.locale], opts);
}
