/**
 * A small SVG picture (a Twemoji emoji: filled paths, circles, ellipses,
 * groups with transforms) as filled paths in page coordinates, so a PDF
 * draws it as vector shapes. Gradients, masks and strokes are not used by
 * Twemoji and are not read.
 */
import { mapPoints, parsePathData, pathData } from '../drawing/pathData';
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

/** `d` with every point moved by `m` (parsePathData has already turned arcs into curves, which an affine map keeps exact). */
const transformPath = (d: string, m: Matrix): string =>
  pathData(mapPoints(parsePathData(d), ({ x, y }) => ({ x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] })));

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
