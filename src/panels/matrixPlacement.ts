/**
 * Where the opportunity matrix draws its dots and their labels: pure maths,
 * no React, so it is tested on its own.
 *
 * The mapping (issue 14): impact and effort are scores 1–5, each a column or
 * row of equal width. The quadrant border runs between 2 and 3, never
 * through a score, so no dot sits on it: a 3 counts as high, as "3 or more"
 * does on any 1–5 scale. A new opportunity (impact 3, effort 3) is a big bet
 * until someone says it is cheaper; quick wins are impact 3–5 at effort 1–2.
 *
 * Dots on the same square are packed in rings around its centre (a hexagonal
 * packing, as a bee-swarm plot does), so every one is visible and clickable.
 * Labels go to the first of eight places around their dot that overlaps no
 * other label and no dot and stays in the plot (right first, as a scatter
 * plot's labels read); when none is free, the place that overlaps least.
 */

export type Quadrant = 'quickWin' | 'bigBet' | 'fillIn' | 'moneyPit';

/** The lowest score that counts as high impact or high effort. */
export const HIGH_FROM = 3;

export function quadrantOf(impact: number, effort: number): Quadrant {
  const high = impact >= HIGH_FROM;
  const costly = effort >= HIGH_FROM;
  return high ? (costly ? 'bigBet' : 'quickWin') : costly ? 'moneyPit' : 'fillIn';
}

export interface PlotGeometry {
  /** the plot area (axes outside it) */
  left: number;
  top: number;
  width: number;
  height: number;
  /** dot radius */
  radius: number;
  /** label font size, px */
  fontSize: number;
}

export interface MatrixItem {
  id: string;
  impact: number;
  effort: number;
  label: string;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedItem {
  id: string;
  /** dot centre */
  x: number;
  y: number;
  radius: number;
  /** the label's box; text starts at its left edge, its baseline near the bottom */
  label: Rect;
}

const SCORES = 5;

/** Centre of a score's column (effort) or row (impact, 5 at the top). */
export function scoreCentre(g: PlotGeometry, axis: 'effort' | 'impact', score: number): number {
  return axis === 'effort' ? g.left + ((score - 0.5) * g.width) / SCORES : g.top + ((SCORES - score + 0.5) * g.height) / SCORES;
}

/** Where the quadrant border runs on each axis: between 2 and 3. */
export function borderAt(g: PlotGeometry): { x: number; y: number } {
  return { x: g.left + ((HIGH_FROM - 1) * g.width) / SCORES, y: g.top + ((SCORES - HIGH_FROM + 1) * g.height) / SCORES };
}

/**
 * Offsets of n dots around a square's centre: the centre, then rings of 6,
 * 12, 18 … slots. Rings are `step` apart; a crowded square gets a smaller
 * step (and smaller dots) so the swarm stays inside its square.
 */
export function swarmOffsets(n: number, step: number): { dx: number; dy: number }[] {
  const out: { dx: number; dy: number }[] = [{ dx: 0, dy: 0 }];
  for (let ring = 1; out.length < n; ring++) {
    const slots = 6 * ring;
    for (let i = 0; i < slots && out.length < n; i++) {
      const angle = (2 * Math.PI * i) / slots - Math.PI / 2;
      out.push({ dx: ring * step * Math.cos(angle), dy: ring * step * Math.sin(angle) });
    }
  }
  return n === 0 ? [] : out;
}

/** How many rings n dots need (the centre is ring 0). */
export function ringsFor(n: number): number {
  let rings = 0;
  let held = 1;
  while (held < n) held += 6 * ++rings;
  return rings;
}

/** A width estimate for a label: CJK characters are square, others about 0.58 em. Good enough to keep labels apart. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/u.test(ch) ? fontSize : 0.58 * fontSize;
  return w;
}

/** The card text's first line, cut with … to at most `maxWidth`. */
export function shortLabel(text: string, maxWidth: number, fontSize: number): string {
  const line = text.split(/\r?\n/)[0]!.trim();
  if (textWidth(line, fontSize) <= maxWidth) return line;
  let out = '';
  for (const ch of line) {
    if (textWidth(out + ch + '…', fontSize) > maxWidth) break;
    out += ch;
  }
  return out.trimEnd() + '…';
}

const overlap = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

const inside = (a: Rect, g: PlotGeometry): boolean =>
  a.x >= g.left && a.y >= g.top && a.x + a.width <= g.left + g.width && a.y + a.height <= g.top + g.height;

/** The eight places a label may take around its dot, in the order they are tried. */
function candidates(x: number, y: number, r: number, w: number, h: number): Rect[] {
  const gap = 3;
  return [
    { x: x + r + gap, y: y - h / 2 }, // right
    { x: x - r - gap - w, y: y - h / 2 }, // left
    { x: x - w / 2, y: y - r - gap - h }, // above
    { x: x - w / 2, y: y + r + gap }, // below
    { x: x + r, y: y - r - h }, // above right
    { x: x + r, y: y + r }, // below right
    { x: x - r - w, y: y - r - h }, // above left
    { x: x - r - w, y: y + r }, // below left
  ].map((p) => ({ ...p, width: w, height: h }));
}

/** Dots and labels for the items: every dot in its square, every label where it collides least. */
export function placeMatrix(items: readonly MatrixItem[], g: PlotGeometry): PlacedItem[] {
  const cellW = g.width / SCORES;
  const cellH = g.height / SCORES;
  const squares = new Map<string, MatrixItem[]>();
  for (const item of items) {
    const key = `${item.effort}:${item.impact}`;
    squares.set(key, [...(squares.get(key) ?? []), item]);
  }

  const dots: { item: MatrixItem; x: number; y: number; radius: number }[] = [];
  for (const group of squares.values()) {
    const rings = ringsFor(group.length);
    const half = Math.min(cellW, cellH) / 2;
    // Dots shrink when a square is crowded, never below a third of their size.
    const radius = rings === 0 ? g.radius : Math.max(g.radius / 3, Math.min(g.radius, (half - 2) / (2 * rings + 1)));
    const step = rings === 0 ? 0 : Math.min(2 * radius + 2, (half - radius) / rings);
    const offsets = swarmOffsets(group.length, step);
    group.forEach((item, i) => {
      dots.push({
        item,
        x: scoreCentre(g, 'effort', item.effort) + offsets[i]!.dx,
        y: scoreCentre(g, 'impact', item.impact) + offsets[i]!.dy,
        radius,
      });
    });
  }

  const dotBoxes: Rect[] = dots.map((d) => ({ x: d.x - d.radius, y: d.y - d.radius, width: 2 * d.radius, height: 2 * d.radius }));
  const labels: Rect[] = [];
  const h = g.fontSize + 2;
  // Top to bottom, left to right: the placement does not depend on the items' order.
  const order = dots.map((_, i) => i).sort((a, b) => dots[a]!.y - dots[b]!.y || dots[a]!.x - dots[b]!.x);
  const placed = new Map<number, Rect>();
  for (const i of order) {
    const d = dots[i]!;
    const w = textWidth(d.item.label, g.fontSize);
    let best: Rect | null = null;
    let bestCost = Infinity;
    for (const rect of candidates(d.x, d.y, d.radius, w, h)) {
      let cost = inside(rect, g) ? 0 : 1e6;
      for (const other of labels) cost += overlap(rect, other);
      dotBoxes.forEach((box, j) => {
        if (j !== i) cost += overlap(rect, box);
      });
      if (cost < bestCost) {
        best = rect;
        bestCost = cost;
        if (cost === 0) break;
      }
    }
    labels.push(best!);
    placed.set(i, best!);
  }
  return dots.map((d, i) => ({ id: d.item.id, x: d.x, y: d.y, radius: d.radius, label: placed.get(i)! }));
}
