/**
 * How a built-in template is written: plain data keyed by readable names
 * (stage "decision", lane "touchpoints", persona "maya"), which buildFromSpec
 * turns into a map document with fresh ids and ordering keys.
 */
import type { Card, LaneKind, Persona } from '../schema';

export interface StageSeed {
  key: string;
  name: string;
  description: string;
}

export interface LaneSeed {
  key: string;
  kind: LaneKind;
  name: string;
  /** backstage lanes: the department that works there */
  department?: string;
}

export type PersonaSeed = { key: string } & Omit<Persona, 'id' | 'order'>;

/** Card fields a template may set, besides where the card sits. */
export type CardFields = Partial<Omit<Card, 'id' | 'order' | 'laneId' | 'stageId' | 'text' | 'personaId' | 'votes'>>;

export type CardSeed = CardFields & {
  stage: string;
  lane: string;
  text: string;
  /** key of a persona of this template */
  persona?: string;
};

export interface TemplateSpec {
  title: string;
  description: string;
  personas: PersonaSeed[];
  /** key of the persona the map follows */
  follows?: string;
  stages: StageSeed[];
  lanes: LaneSeed[];
  /** in display order within each cell */
  cards: CardSeed[];
  votesPerParticipant?: number;
}
