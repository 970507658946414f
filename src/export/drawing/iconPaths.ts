/**
 * The app's icons (src/icons.tsx, lucide) as vector paths, so an export shows
 * the same pictures as the canvas without an icon font. Lucide draws on a
 * 24-unit grid with 2-unit round-capped strokes; a drawing's path has no cap
 * style, so each open stroke end gets a dot of its own (lucide's "!" and the
 * eyes of the emotion faces are strokes a hair long: square ends would lose them).
 */
import type { LucideIcon, LucideIconNode } from 'lucide-react';
import { parsePathData, pathData, mapPoints, type PathCommand, type Point } from './pathData';
import type { Color, PathItem } from './types';

const GRID = 24;
const STROKE = 2;
/** Bézier handle length for a quarter circle. */
const KAPPA = 0.5522847498;

const nodesByIcon = new WeakMap<LucideIcon, readonly LucideIconNode[]>();

/**
 * An icon component's shapes. lucide-react keeps them in the element its
 * component renders (createLucideIcon passes `icon` to its Icon); rendering
 * that one level needs no React runtime, only calling the forwardRef render.
 */
export function iconNodes(icon: LucideIcon): readonly LucideIconNode[] {
  let nodes = nodesByIcon.get(icon);
  if (!nodes) {
    const render = (icon as unknown as { render?: (props: object, ref: null) => { props?: { icon?: { node?: LucideIconNode[] } } } })
      .render;
    nodes = render?.({}, null)?.props?.icon?.node;
    if (!nodes)
      throw new Error(`cannot read the shapes of lucide icon ${icon.displayName ?? '?'}: lucide-react changed how icons are built`);
    nodesByIcon.set(icon, nodes);
  }
  return nodes;
}

const n = (v: unknown): number => Number(v ?? 0) || 0;

/** One lucide shape element as path commands on the icon's 24-unit grid. */
function shapeCommands([name, attrs, children]: LucideIconNode): PathCommand[] {
  const a = attrs as Record<string, unknown>;
  switch (name) {
    case 'path':
      return parsePathData(String(a.d ?? ''));
    case 'circle':
      return ellipse(n(a.cx), n(a.cy), n(a.r), n(a.r));
    case 'ellipse':
      return ellipse(n(a.cx), n(a.cy), n(a.rx), n(a.ry));
    case 'rect':
      return roundedRect(n(a.x), n(a.y), n(a.width), n(a.height), n(a.rx ?? a.ry), n(a.ry ?? a.rx));
    case 'line':
      return [
        { op: 'M', to: { x: n(a.x1), y: n(a.y1) } },
        { op: 'L', to: { x: n(a.x2), y: n(a.y2) } },
      ];
    case 'polyline':
    case 'polygon': {
      const values = String(a.points ?? '')
        .trim()
        .split(/[\s,]+/)
        .map(Number);
      const points: Point[] = [];
      for (let i = 0; i + 1 < values.length; i += 2) points.push({ x: values[i]!, y: values[i + 1]! });
      if (points.length === 0) return [];
      return [
        { op: 'M', to: points[0]! },
        ...points.slice(1).map((to): PathCommand => ({ op: 'L', to })),
        ...(name === 'polygon' ? [{ op: 'Z' } as const] : []),
      ];
    }
    default:
      return (children ?? []).flatMap(shapeCommands);
  }
}

export function ellipse(cx: number, cy: number, rx: number, ry: number): PathCommand[] {
  const kx = rx * KAPPA;
  const ky = ry * KAPPA;
  return [
    { op: 'M', to: { x: cx + rx, y: cy } },
    { op: 'C', c1: { x: cx + rx, y: cy + ky }, c2: { x: cx + kx, y: cy + ry }, to: { x: cx, y: cy + ry } },
    { op: 'C', c1: { x: cx - kx, y: cy + ry }, c2: { x: cx - rx, y: cy + ky }, to: { x: cx - rx, y: cy } },
    { op: 'C', c1: { x: cx - rx, y: cy - ky }, c2: { x: cx - kx, y: cy - ry }, to: { x: cx, y: cy - ry } },
    { op: 'C', c1: { x: cx + kx, y: cy - ry }, c2: { x: cx + rx, y: cy - ky }, to: { x: cx + rx, y: cy } },
    { op: 'Z' },
  ];
}

export function roundedRect(x: number, y: number, w: number, h: number, rxIn = 0, ryIn = rxIn): PathCommand[] {
  const rx = Math.min(Math.max(0, rxIn), w / 2);
  const ry = Math.min(Math.max(0, ryIn), h / 2);
  if (rx === 0 || ry === 0) {
    return [
      { op: 'M', to: { x, y } },
      { op: 'L', to: { x: x + w, y } },
      { op: 'L', to: { x: x + w, y: y + h } },
      { op: 'L', to: { x, y: y + h } },
      { op: 'Z' },
    ];
  }
  const kx = rx * (1 - KAPPA);
  const ky = ry * (1 - KAPPA);
  return [
    { op: 'M', to: { x: x + rx, y } },
    { op: 'L', to: { x: x + w - rx, y } },
    { op: 'C', c1: { x: x + w - kx, y }, c2: { x: x + w, y: y + ky }, to: { x: x + w, y: y + ry } },
    { op: 'L', to: { x: x + w, y: y + h - ry } },
    { op: 'C', c1: { x: x + w, y: y + h - ky }, c2: { x: x + w - kx, y: y + h }, to: { x: x + w - rx, y: y + h } },
    { op: 'L', to: { x: x + rx, y: y + h } },
    { op: 'C', c1: { x: x + kx, y: y + h }, c2: { x, y: y + h - ky }, to: { x, y: y + h - ry } },
    { op: 'L', to: { x, y: y + ry } },
    { op: 'C', c1: { x, y: y + ky }, c2: { x: x + kx, y }, to: { x: x + rx, y } },
    { op: 'Z' },
  ];
}

/** The two ends of every open sub-path: where a round cap goes. */
function openEnds(commands: readonly PathCommand[]): Point[] {
  const ends: Point[] = [];
  let start: Point | null = null;
  let current: Point | null = null;
  let drawn = false;
  const finish = () => {
    if (start && current && drawn) ends.push(start, current);
  };
  for (const c of commands) {
    if (c.op === 'M') {
      finish();
      start = current = c.to;
      drawn = false;
    } else if (c.op === 'Z') {
      current = start;
      drawn = false;
    } else {
      current = c.to;
      drawn = true;
    }
  }
  finish();
  return ends;
}

/** An icon's strokes as paths, `size` page units square with its top-left at (x, y). */
const shapesByIcon = new WeakMap<LucideIcon, PathCommand[][]>();
const shapesOf = (icon: LucideIcon): PathCommand[][] => {
  let shapes = shapesByIcon.get(icon);
  if (!shapes) shapesByIcon.set(icon, (shapes = iconNodes(icon).map(shapeCommands)));
  return shapes;
};

export function iconPaths(icon: LucideIcon, x: number, y: number, size: number, color: Color): PathItem[] {
  const s = size / GRID;
  const shapes = shapesOf(icon);
  const onPage = (commands: PathCommand[]) => mapPoints(commands, (p) => ({ x: x + s * p.x, y: y + s * p.y }));
  const strokes = shapes.flatMap(onPage);
  const lineWidth = STROKE * s;
  const items: PathItem[] = [{ kind: 'path', d: pathData(strokes), stroke: color, lineWidth }];
  const caps = shapes.flatMap((commands) => openEnds(onPage(commands)));
  if (caps.length) {
    items.push({ kind: 'path', d: pathData(caps.flatMap((p) => ellipse(p.x, p.y, lineWidth / 2, lineWidth / 2))), fill: color });
  }
  return items;
}
