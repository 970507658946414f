import { describe, expect, it } from 'vitest';
import {
  CHANNEL_ICONS,
  CommentsIcon,
  EMOTION_ICONS,
  MEDIA_ICONS,
  MomentOfTruthIcon,
  OffTargetIcon,
  PersonaIcon,
  TAG_ICONS,
} from '../../../../src/icons';
import { iconNodes, iconPaths } from '../../../../src/export/drawing/iconPaths';
import { itemBounds } from '../../../../src/export/drawing/placement';
import { fixedMeasure } from './fixedMeasure';

const ICONS = [
  ...Object.values(CHANNEL_ICONS),
  ...Object.values(MEDIA_ICONS),
  ...Object.values(TAG_ICONS),
  ...Object.values(EMOTION_ICONS),
  MomentOfTruthIcon,
  OffTargetIcon,
  CommentsIcon,
  PersonaIcon,
];

describe('icons as paths', () => {
  it('reads the shapes of every icon the drawing uses from lucide-react', () => {
    for (const icon of ICONS) expect(iconNodes(icon).length, icon.displayName).toBeGreaterThan(0);
  });

  it('draws an icon inside its box, in page coordinates, with round ends as dots', () => {
    const measure = fixedMeasure();
    for (const icon of ICONS) {
      const [stroke, caps] = iconPaths(icon, 100, 50, 12, '#1d2433');
      expect(stroke!.d).toMatch(/^M/);
      expect(stroke!.d).not.toMatch(/[a-zHVSTA]/);
      const box = itemBounds(stroke!, measure);
      expect(box.x).toBeGreaterThanOrEqual(99);
      expect(box.y).toBeGreaterThanOrEqual(49);
      expect(box.x + box.width).toBeLessThanOrEqual(113);
      expect(box.y + box.height).toBeLessThanOrEqual(63);
      expect(stroke!.lineWidth).toBeCloseTo(1);
      if (caps) expect(caps.fill).toBe('#1d2433');
    }
    // The warning sign's dot is a stroke a hair long: only its round ends show it.
    expect(iconPaths(OffTargetIcon, 0, 0, 24, '#000')).toHaveLength(2);
  });
});
