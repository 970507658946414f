/**
 * A small SVG picture (a Twemoji emoji: filled paths, circles, ellipses,
 * groups with transforms) as filled paths in page coordinates, so a PDF
 * draws it as vector shapes. Gradients, masks and strokes are not used by
 * Twemoji and are not read.
 */
import type { Color } from '../drawing/types';

export interface Shape {
  d: string;
  fill?: Color;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

function parseTransform(value: string | undefined): Matrix {
  let m = IDENTITY;
  for (const [, name, args] of (value ?? '').matchAll(/(\w+)\s*\(([^)]*)\)/g)) {
    const a = (args ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    const [p = 0, q = 0, r = 0, s = 0, t = 0, u = 0] = a;
    if (name === 'matrix') m = multiply(m, [p, q, r, s, t, u]);
    else if (name === 'translate') m = multiply(m, [1, 0, 0, 1, p, a.length > 1 ? q : 0]);
    else if (name === 'scale') m = multiply(m, [p, 0, 0, a.length > 1 ? q : p, 0, 0]);
    else if (name === 'rotate') {
      const rad = (p * Math.PI) / 180;
      const rotation: Matrix = [Math.cos(rad), Math.sin(rad), -Math.sin(rad), Math.cos(rad), 0, 0];
      m = multiply(m, multiply(multiply([1, 0, 0, 1, q, r], rotation), [1, 0, 0, 1, -q, -r]));
    }
  }
  return m;
}

const ARGS: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };

/** `d` in absolute coordinates transformed by `m` (H and V become L; arcs keep their flags). */
export function transformPath(d: string, m: Matrix): string {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? [];
  const point = (x: number, y: number) => `${(m[0] * x + m[2] * y + m[4]).toFixed(3)} ${(m[1] * x + m[3] * y + m[5]).toFixed(3)}`;
  const scale = Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
  const angle = (Math.atan2(m[1], m[0]) * 180) / Math.PI;
  let out = '';
  let i = 0;
  let cmd = '';
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i]!)) cmd = tokens[i++]!;
    const upper = cmd.toUpperCase();
    const rel = cmd !== upper;
    if (upper === 'Z') {
      out += 'Z';
      x = startX;
      y = startY;
      continue;
    }
    const n = ARGS[upper];
    if (n === undefined) break;
    const a = tokens.slice(i, i + n).map(Number);
    if (a.length < n) break;
    i += n;
    const abs = (px: number, py: number): [number, number] => (rel ? [x + px, y + py] : [px, py]);
    switch (upper) {
      case 'M':
      case 'L':
      case 'T': {
        [x, y] = abs(a[0]!, a[1]!);
        out += `${upper === 'T' ? 'T' : upper}${point(x, y)}`;
        if (upper === 'M') {
          [startX, startY] = [x, y];
          cmd = rel ? 'l' : 'L'; // further pairs after M are lines
        }
        break;
      }
      case 'H':
        x = rel ? x + a[0]! : a[0]!;
        out += `L${point(x, y)}`;
        break;
      case 'V':
        y = rel ? y + a[0]! : a[0]!;
        out += `L${point(x, y)}`;
        break;
      case 'C': {
        const p1 = abs(a[0]!, a[1]!);
        const p2 = abs(a[2]!, a[3]!);
        [x, y] = abs(a[4]!, a[5]!);
        out += `C${point(...p1)} ${point(...p2)} ${point(x, y)}`;
        break;
      }
      case 'S':
      case 'Q': {
        const p1 = abs(a[0]!, a[1]!);
        [x, y] = abs(a[2]!, a[3]!);
        out += `${upper}${point(...p1)} ${point(x, y)}`;
        break;
      }
      case 'A': {
        [x, y] = abs(a[5]!, a[6]!);
        out += `A${(a[0]! * scale).toFixed(3)} ${(a[1]! * scale).toFixed(3)} ${(a[2]! + angle).toFixed(3)} ${a[3]} ${a[4]} ${point(x, y)}`;
        break;
      }
    }
  }
  return out;
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const num = (tag: string, name: string) => Number(attr(tag, name) ?? 0);

function ellipsePath(cx: number, cy: number, rx: number, ry: number): string {
  return `M${cx - rx} ${cy}A${rx} ${ry} 0 1 0 ${cx + rx} ${cy}A${rx} ${ry} 0 1 0 ${cx - rx} ${cy}Z`;
}

/** The shapes of `svg`, scaled into `box` (keeping its aspect, centred). */
export function svgPathsOf(svg: string, box: { x: number; y: number; width: number; height: number }): Shape[] {
  const root = /<svg[^>]*>/.exec(svg)?.[0] ?? '';
  const [vx = 0, vy = 0, vw = 36, vh = 36] = (attr(root, 'viewBox') ?? '0 0 36 36').split(/[\s,]+/).map(Number);
  const s = Math.min(box.width / vw, box.height / vh);
  const base: Matrix = [s, 0, 0, s, box.x + (box.width - vw * s) / 2 - vx * s, box.y + (box.height - vh * s) / 2 - vy * s];
  const shapes: Shape[] = [];
  const stack: { m: Matrix; fill: string | undefined }[] = [{ m: base, fill: attr(root, 'fill') }];
  for (const [tag] of svg.matchAll(/<\/?[a-zA-Z]+[^>]*>/g)) {
    const top = stack[stack.length - 1]!;
    if (tag.startsWith('</')) {
      if (/^<\/g/.test(tag) && stack.length > 1) stack.pop();
      continue;
    }
    const name = /^<([a-zA-Z]+)/.exec(tag)![1]!;
    const m = multiply(top.m, parseTransform(attr(tag, 'transform')));
    const fill = attr(tag, 'fill') ?? top.fill;
    if (name === 'g') {
      if (!tag.endsWith('/>')) stack.push({ m, fill });
      continue;
    }
    let d: string | undefined;
    if (name === 'path') d = attr(tag, 'd');
    else if (name === 'circle') d = ellipsePath(num(tag, 'cx'), num(tag, 'cy'), num(tag, 'r'), num(tag, 'r'));
    else if (name === 'ellipse') d = ellipsePath(num(tag, 'cx'), num(tag, 'cy'), num(tag, 'rx'), num(tag, 'ry'));
    else if (name === 'rect') {
      const [x, y, w, h] = [num(tag, 'x'), num(tag, 'y'), num(tag, 'width'), num(tag, 'height')];
      d = `M${x} ${y}H${x + w}V${y + h}H${x}Z`;
    }
    if (d && fill !== 'none') shapes.push({ d: transformPath(d, m), fill: fill ?? '#000000' });
  }
  return shapes;
}
