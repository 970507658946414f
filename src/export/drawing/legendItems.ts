/**
 * The legend under an exported map (Legend in SheetParts): what the channel,
 * media, moment-of-truth, importance, emotion, tag and off-target marks mean,
 * in the reader's language, wrapped over as many lines as the width needs.
 */
import type { LucideIcon } from 'lucide-react';
import { CHANNELS, MEDIA, TAGS } from '../../model/schema';
import { CHANNEL_ICONS, EMOTION_ICONS, MEDIA_ICONS, MomentOfTruthIcon, OffTargetIcon, TAG_ICONS } from '../../icons';
import type { DrawContext } from './context';
import { runItems, runWidth, type Piece } from './inlineRun';
import { ACCENT, FAINT_ACCENT, INK, LEGEND_GOLD, LINE, MUTED } from './palette';
import { baselineIn } from './textBlock';
import type { DrawingItem } from './types';

type Entry = Piece[] | 'separator';

function entries(ctx: Pick<DrawContext, 't'>, size: number): Entry[] {
  const { t } = ctx;
  const text = (s: string, color = MUTED, weight: 400 | 700 = 400): Piece => ({ kind: 'text', text: s, size, color, weight });
  const labelled = (icon: LucideIcon, label: string, color = MUTED): Piece[] => [{ kind: 'icon', icon, size, color }, text(` ${label}`)];
  return [
    [text(t('export.legend'), INK, 700)],
    ...CHANNELS.map((c) => labelled(CHANNEL_ICONS[c], t(`channels.${c}`))),
    'separator',
    ...MEDIA.map((m) => labelled(MEDIA_ICONS[m], t(`media.${m}`))),
    'separator',
    labelled(MomentOfTruthIcon, t('fields.momentOfTruth'), LEGEND_GOLD),
    [
      { kind: 'dots', filled: 3, total: 5, diameter: size * 0.45, advance: size * 0.55, color: ACCENT, faint: FAINT_ACCENT },
      text(` ${t('fields.importance')}`),
    ],
    [
      { kind: 'icon', icon: EMOTION_ICONS.frustrated, size, color: MUTED },
      text(' … '),
      { kind: 'icon', icon: EMOTION_ICONS.delighted, size, color: MUTED },
      text(` ${t('export.emotionScale')}`),
    ],
    'separator',
    ...TAGS.map((tag) => labelled(TAG_ICONS[tag], t(`tags.${tag}`))),
    labelled(OffTargetIcon, t('kpi.offTarget')),
  ];
}

const COLUMN_GAP = 14;
const ROW_GAP = 4;
const PADDING_TOP = 8;

/** The legend across `width` from `top` (a rule, then the entries); `size` is its text size. */
export function legendItems(
  ctx: Pick<DrawContext, 't' | 'measure'>,
  box: { x: number; top: number; width: number },
  size = 13,
): { items: DrawingItem[]; height: number } {
  const { measure } = ctx;
  const lineHeight = size * 1.45;
  const items: DrawingItem[] = [{ kind: 'rect', x: box.x, y: box.top, width: box.width, height: 1, fill: LINE }];
  let x = box.x;
  let line = 0;
  const lineTop = () => box.top + PADDING_TOP + line * (lineHeight + ROW_GAP);
  // A separator stands between two entries on one line: never at a line's start or end.
  let separator = false;
  for (const entry of entries(ctx, size)) {
    if (entry === 'separator') {
      separator = x > box.x;
      continue;
    }
    const width = runWidth(measure, entry);
    const before = separator ? 1 + COLUMN_GAP : 0;
    if (x > box.x && x + before + width > box.x + box.width) {
      line++;
      x = box.x;
    } else if (separator) {
      const h = Math.min(14, lineHeight);
      items.push({ kind: 'rect', x, y: lineTop() + (lineHeight - h) / 2, width: 1, height: h, fill: LINE });
      x += before;
    }
    separator = false;
    items.push(...runItems(measure, entry, x, baselineIn(measure, size, lineTop(), lineHeight)).items);
    x += width + COLUMN_GAP;
  }
  return { items, height: PADDING_TOP + (line + 1) * lineHeight + line * ROW_GAP };
}
