/**
 * Where the emotion curve's point labels go, so none is cut off at the
 * lane's edges and none overlaps another label or a point. Each label tries
 * below its point, then above, then right and left of it; one that fits
 * nowhere is shortened, and left out as a last resort (the point's
 * accessible name and the curve's table still give its text). Pure: text
 * width is estimated from the characters (CJK ≈ 1 em, others ≈ 0.58 em), so
 * it runs without a browser and the same in every test.
 */

export interface LabelRequest {
  id: string;
  x: number;
  y: number;
  text: string;
}

export interface PlacedLabel {
  id: string;
  /** the text shown (possibly shortened) */
  text: string;
  /** centre x and baseline y, in the lane's coordinates */
  x: number;
  y: number;
  /** the box the label takes */
  box: Box;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LabelOptions {
  width: number;
  height: number;
  fontSize?: number;
  /** radius of a point's circle: labels keep clear of every point */
  pointRadius?: number;
  maxChars?: number;
  /** other things drawn in the lane that labels must not cover (the scale's +5 and −5) */
  obstacles?: readonly Box[];
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) ? 1 : 0.58;
  return em * fontSize;
}

export const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const shorten = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, Math.max(1, max - 1)).join('')}…` : text;
};

export function placeCurveLabels(requests: readonly LabelRequest[], options: LabelOptions): PlacedLabel[] {
  const fontSize = options.fontSize ?? 11;
  const radius = options.pointRadius ?? 15;
  const maxChars = options.maxChars ?? 24;
  const gap = 4;
  const edge = 2;
  const lineHeight = Math.ceil(fontSize * 1.25);
  const taken: Box[] = requests.map((p) => ({
    left: p.x - radius,
    top: p.y - radius,
    right: p.x + radius,
    bottom: p.y + radius,
  }));
  taken.push(...(options.obstacles ?? []));
  const placed: PlacedLabel[] = [];

  const tryAt = (p: LabelRequest, text: string): PlacedLabel | null => {
    const w = textWidth(text, fontSize);
    // Candidate boxes: below, above, right, left of the point.
    const candidates: Box[] = [
      { left: p.x - w / 2, top: p.y + radius + gap, right: p.x + w / 2, bottom: p.y + radius + gap + lineHeight },
      { left: p.x - w / 2, top: p.y - radius - gap - lineHeight, right: p.x + w / 2, bottom: p.y - radius - gap },
      { left: p.x + radius + gap, top: p.y - lineHeight / 2, right: p.x + radius + gap + w, bottom: p.y + lineHeight / 2 },
      { left: p.x - radius - gap - w, top: p.y - lineHeight / 2, right: p.x - radius - gap, bottom: p.y + lineHeight / 2 },
    ];
    for (const raw of candidates) {
      // Slide a label along x to stay inside the lane rather than be cut off at its ends.
      const shift = Math.max(0, edge - raw.left) - Math.max(0, raw.right - (options.width - edge));
      const box = { ...raw, left: raw.left + shift, right: raw.right + shift };
      if (box.left < edge - 0.01 || box.right > options.width - edge + 0.01) continue;
      if (box.top < edge || box.bottom > options.height - edge) continue;
      if (taken.some((t) => overlaps(t, box))) continue;
      // Baseline sits a little above the box's bottom (descenders).
      return { id: p.id, text, x: (box.left + box.right) / 2, y: box.bottom - Math.round(fontSize * 0.3), box };
    }
    return null;
  };

  for (const p of requests) {
    const text = p.text.trim();
    if (!text) continue;
    let label: PlacedLabel | null = null;
    for (const max of [maxChars, 16, 10, 6]) {
      label = tryAt(p, shorten(text, max));
      if (label) break;
    }
    if (label) {
      placed.push(label);
      taken.push(label.box);
    }
  }
  return placed;
}
