/**
 * A persona's avatar as the app shows it (panels/Avatar.tsx): an emoji as
 * Twemoji's picture on a round pale ground, text as text; a picture avatar
 * (an uploaded image) and an emoji without a picture as the persona icon,
 * since a drawing's pictures are SVG.
 */
import { isSingleEmoji } from '../../emojiImages';
import { PersonaIcon } from '../../icons';
import type { DrawContext } from './context';
import { ellipse, iconPaths } from './iconPaths';
import { pathData } from './pathData';
import { MUTED, PERSONA } from './palette';
import { baselineIn } from './textBlock';
import type { DrawingItem } from './types';

/** What a persona without a chosen avatar shows. */
const FALLBACK = '🙂';

export function avatarItems(
  ctx: Pick<DrawContext, 'emoji' | 'measure'>,
  avatar: string,
  x: number,
  y: number,
  size: number,
): DrawingItem[] {
  const r = size / 2;
  const ground: DrawingItem = { kind: 'path', d: pathData(ellipse(x + r, y + r, r, r)), fill: PERSONA.avatarFill };
  const value = avatar || FALLBACK;
  const svg = value.startsWith('data:') ? null : ctx.emoji(value);
  if (svg) {
    const inner = Math.round(size * 0.7);
    return [ground, { kind: 'image', x: x + (size - inner) / 2, y: y + (size - inner) / 2, width: inner, height: inner, svg }];
  }
  if (value.startsWith('data:') || isSingleEmoji(value)) {
    const icon = size * 0.75;
    return [ground, ...iconPaths(PersonaIcon, x + (size - icon) / 2, y + (size - icon) / 2, icon, MUTED)];
  }
  const fontSize = size * 0.6;
  return [
    ground,
    {
      kind: 'text',
      x: x + r,
      y: baselineIn(ctx.measure, fontSize, y, size),
      text: value,
      align: 'middle',
      style: { size: fontSize, weight: 400, color: MUTED },
    },
  ];
}

/** The small mark a card carries for its persona when a map has several (CardFacets' persona chip). */
export function avatarChip(ctx: Pick<DrawContext, 'emoji'>, avatar: string): { svg: string } | null {
  if (!avatar || avatar.startsWith('data:')) return null;
  const svg = ctx.emoji(avatar);
  return svg ? { svg } : null;
}
