/**
 * The emotion curve's lines (issue 16): one per persona and state shown,
 * the map's own line from the cards' `emotion`, other personas from
 * `personaEmotions`, at most five, each card at one x on every line.
 */
import { describe, expect, it } from 'vitest';
import { curvePersonas, curveSlots, emotionLines, MAP_LINE_KEY, MAX_PERSONA_LINES, slotXs } from '../../../src/model/emotionLines';
import { PERSONA_COLORS, personaColor } from '../../../src/model/personaColors';
import type { Card, Lane, Persona, Stage } from '../../../src/model/schema';
import { EMPTY_PERSONA } from '../../../src/model';

const stages: Stage[] = [
  { id: 's1', order: 'a0', name: 'One', description: '', color: '#4f7cff' },
  { id: 's2', order: 'a1', name: 'Two', description: '', color: '#4f7cff' },
];
const lanes: Lane[] = [
  { id: 'tp', order: 'a0', kind: 'touchpoints', name: '', department: '' },
  { id: 'em', order: 'a1', kind: 'emotions', name: '', department: '' },
];
const persona = (id: string, i: number): Persona => ({ ...EMPTY_PERSONA, id, order: `a${i}`, name: id.toUpperCase() });
const personas = ['ana', 'ben', 'cai', 'dee', 'eve', 'fay'].map(persona);
const card = (id: string, stageId: string, order: string, extra: Partial<Card>): Card => ({
  id,
  order,
  laneId: 'tp',
  stageId,
  text: id,
  ...extra,
});

const cards: Card[] = [
  card('hotline', 's1', 'a0', { emotion: -3, state: 'current', personaEmotions: { ben: -5 } }),
  card('bot', 's1', 'a1', { emotion: 2, state: 'future', personaEmotions: { ben: 1 } }),
  card('desk', 's2', 'a0', { emotion: 1, personaEmotions: { ben: 0, ghost: 4 } }),
  card('quiet', 's2', 'a1', {}),
];
const base = { stages, lanes, cards, personas, followedPersonaId: 'ana' };
const shape = (lines: ReturnType<typeof emotionLines>) =>
  lines.map((l) => ({ key: l.key, points: l.points.map((p) => `${p.cardId}:${p.emotion}`) }));

describe('emotionLines', () => {
  it('draws one line per persona and state shown: today without the future cards, the future without today-only ones', () => {
    expect(shape(emotionLines({ ...base, view: 'both' }))).toEqual([
      { key: 'ana:current', points: ['hotline:-3', 'desk:1'] },
      { key: 'ben:current', points: ['hotline:-5', 'desk:0'] },
      { key: 'ana:future', points: ['bot:2', 'desk:1'] },
      { key: 'ben:future', points: ['bot:1', 'desk:0'] },
    ]);
    expect(shape(emotionLines({ ...base, view: 'future' })).map((l) => l.key)).toEqual(['ana:future', 'ben:future']);
  });

  it('is the one curve of today when no card has a state and only the map line has scores', () => {
    const plain = cards.map(({ state: _s, personaEmotions: _p, ...c }) => c);
    const lines = emotionLines({ ...base, cards: plain, view: 'both' });
    expect(shape(lines)).toEqual([{ key: 'ana:current', points: ['hotline:-3', 'bot:2', 'desk:1'] }]);
    expect(lines[0]!.persona.isDefault).toBe(true);
  });

  it('names the map line after the followed persona, or MAP_LINE_KEY when the map follows none', () => {
    expect(curvePersonas(base)[0]).toMatchObject({ key: 'ana', isDefault: true, colorIndex: 0 });
    const none = curvePersonas({ ...base, followedPersonaId: undefined });
    expect(none[0]).toMatchObject({ key: MAP_LINE_KEY, persona: null, isDefault: true });
    // With no persona followed, every persona with a score is a line of its own: Ben's.
    expect(none.map((p) => p.key)).toEqual([MAP_LINE_KEY, 'ben']);
  });

  it('ignores scores of personas that do not exist and of the followed persona (the cards’ emotion is theirs)', () => {
    const own = [card('x', 's1', 'a0', { emotion: 2, personaEmotions: { ana: -5, ghost: 3 } })];
    expect(shape(emotionLines({ ...base, cards: own, view: 'current' }))).toEqual([{ key: 'ana:current', points: ['x:2'] }]);
  });

  it('draws at most five persona lines, the map line first, in persona order', () => {
    const scored = [card('x', 's1', 'a0', { emotion: 0, personaEmotions: { fay: 1, eve: 1, dee: 1, cai: 1, ben: 1 } })];
    const shown = curvePersonas({ ...base, cards: scored });
    expect(shown).toHaveLength(MAX_PERSONA_LINES);
    expect(shown.map((p) => p.key)).toEqual(['ana', 'ben', 'cai', 'dee', 'eve']);
    expect(shown.map((p) => p.colorIndex)).toEqual([0, 1, 2, 3, 4]);
  });

  it('leaves out hidden personas, never the map line', () => {
    const lines = emotionLines({ ...base, view: 'current', hidden: new Set(['ben', 'ana']) });
    expect(lines.map((l) => l.key)).toEqual(['ana:current']);
  });

  it('places every card at one x on all lines: the k-th of n in a stage at (k+1)/(n+1) of its column', () => {
    const lines = emotionLines({ ...base, view: 'both' });
    const slots = curveSlots(base, lines);
    expect(slots.map((s) => s.cardId)).toEqual(['hotline', 'bot', 'desk']);
    const xs = slotXs(stages, slots, 300, 10);
    expect(Object.fromEntries(xs)).toEqual({ hotline: 110, bot: 210, desk: 460 });
  });
});

describe('persona colours', () => {
  it('are five distinct #rrggbb colours, the first the curve’s own, the lines’ slots', () => {
    expect(new Set(PERSONA_COLORS).size).toBe(5);
    for (const c of PERSONA_COLORS) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(personaColor(0)).toBe('#4f5bd5');
    const lines = curvePersonas({ ...base, personas, cards });
    expect(lines.map((l) => personaColor(l.colorIndex))).toEqual([PERSONA_COLORS[0], PERSONA_COLORS[1]]);
  });
});
