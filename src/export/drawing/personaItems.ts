/**
 * The persona the map follows, as the card at the head of the map
 * (PersonaNode): avatar, name, role · segment · archetype, the quote (two
 * lines at most), the first goals and frustrations; what does not fit the
 * card's height is left out, as the canvas's overflow hides it.
 */
import { PERSONA_FLOW } from '../plan';
import type { Persona } from '../../model/schema';
import { avatarItems } from './avatarItems';
import type { DrawContext } from './context';
import { runItems } from './inlineRun';
import { INK, LINE, MUTED, PERSONA, WHITE } from './palette';
import { baselineIn, lineHeightOf, oneLine, textBlock, textItem, type TextSpec } from './textBlock';
import type { DrawingItem } from './types';

const EDGE = 5;
const NAME: TextSpec = { size: 17, weight: 700, color: INK };
const SMALL: TextSpec = { size: 12, color: MUTED };
const QUOTE: TextSpec = { size: 13, color: INK };

export function personaItems(ctx: DrawContext, persona: Persona): DrawingItem[] {
  const { t, measure } = ctx;
  const { x, y, width: w, height: h } = PERSONA_FLOW;
  const r = 8;
  const items: DrawingItem[] = [
    { kind: 'rect', x: x + 0.5, y: y + 0.5, width: w - 1, height: h - 1, radius: r, fill: WHITE, stroke: LINE, lineWidth: 1 },
    {
      kind: 'path',
      d: `M${x + EDGE} ${y}L${x + EDGE} ${y + h}L${x + r} ${y + h}Q${x} ${y + h} ${x} ${y + h - r}L${x} ${y + r}Q${x} ${y} ${x + r} ${y}Z`,
      fill: PERSONA.edge,
    },
  ];
  const top = y + 1 + 14;
  const bottom = y + h - 1 - 14;
  const avatarX = x + EDGE + 16;
  items.push(...avatarItems(ctx, persona.avatar, avatarX, top, PERSONA.avatarSize));

  const left = avatarX + PERSONA.avatarSize + 16;
  const width = x + w - 1 - 16 - left;
  let cursor = top;
  /** Adds a block if it fits above the card's bottom padding; says whether it did. */
  const place = (height: number, draw: (top: number) => DrawingItem[], before = 0, after = 0): boolean => {
    if (cursor + before + height > bottom + 0.5) return false;
    items.push(...draw(cursor + before));
    cursor += before + height + after;
    return true;
  };
  const line = (text: string, spec: TextSpec) => (at: number) => [
    textItem(oneLine(measure, text, spec, width), left, baselineIn(measure, spec.size, at, lineHeightOf(spec)), spec),
  ];

  place(lineHeightOf(NAME), line(persona.name || t('personas.unnamed'), NAME));
  const archetype = persona.archetype && t(`archetypes.${persona.archetype}`, { defaultValue: persona.archetype });
  const subtitle = [persona.role, persona.segment, archetype].filter(Boolean).join(' · ');
  if (subtitle) place(lineHeightOf(SMALL), line(subtitle, SMALL), 2, 2);
  if (persona.quote) {
    const maxLines = Math.min(2, Math.floor((bottom - cursor - 8) / lineHeightOf(QUOTE)));
    const quote = (at: number) => textBlock(measure, `“${persona.quote}”`, QUOTE, { x: left, top: at, width, maxLines });
    if (maxLines > 0) place(quote(0).height, (at) => quote(at).items, 4, 4);
  }
  const lists: [string, string[]][] = [
    [t('personas.goals'), persona.goals.slice(0, 3)],
    [t('personas.frustrations'), persona.frustrations.slice(0, 2)],
  ];
  for (const [label, entries] of lists) {
    if (entries.length === 0) continue;
    const placed = place(
      lineHeightOf(SMALL),
      (at) => {
        const baseline = baselineIn(measure, SMALL.size, at, lineHeightOf(SMALL));
        const head = `${label}:`;
        const headWidth = measure.width(`${head} `, { size: SMALL.size, weight: 700 });
        const rest = oneLine(measure, entries.join(' · '), SMALL, width - headWidth);
        return runItems(
          measure,
          [
            { kind: 'text', text: `${head} `, size: SMALL.size, weight: 700, color: MUTED },
            { kind: 'text', text: rest, size: SMALL.size, color: MUTED },
          ],
          left,
          baseline,
        ).items;
      },
      2,
      2,
    );
    if (!placed) break;
  }
  return items;
}
