/**
 * SVG path data as a drawing carries it: absolute M, L, C, Q and Z only, so a
 * back end paints it with the few operators PDF and a 2D canvas share. Reads
 * any SVG path (relative commands, H/V, S/T, arcs: what icon sets write) into
 * that form, writes it back, and flattens curves into polylines for clipping.
 */

export interface Point {
  x: number;
  y: number;
}

export type PathCommand =
  { op: 'M' | 'L'; to: Point } | { op: 'C'; c1: Point; c2: Point; to: Point } | { op: 'Q'; c: Point; to: Point } | { op: 'Z' };

/** Numbers to 1/100 of a page unit: finer than any printer, and short files. */
const num = (v: number): string => String(Math.round(v * 100) / 100);
const pair = (p: Point): string => `${num(p.x)} ${num(p.y)}`;

export function pathData(commands: readonly PathCommand[]): string {
  return commands
    .map((c) => {
      switch (c.op) {
        case 'M':
        case 'L':
          return `${c.op}${pair(c.to)}`;
        case 'C':
          return `C${pair(c.c1)} ${pair(c.c2)} ${pair(c.to)}`;
        case 'Q':
          return `Q${pair(c.c)} ${pair(c.to)}`;
        case 'Z':
          return 'Z';
      }
    })
    .join('');
}

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const PAIR = new RegExp(`(${NUMBER}) (${NUMBER})`, 'g');

/**
 * Path data as this module writes it (absolute commands, every point an "x y"
 * pair) with each point scaled and moved: a string rewrite, without reading
 * the path into commands, because every item of a page goes through it.
 */
export function transformPathData(d: string, scale: number, dx: number, dy: number): string {
  return d.replace(PAIR, (_, x: string, y: string) => `${num(dx + scale * Number(x))} ${num(dy + scale * Number(y))}`);
}

export function mapPoints(commands: readonly PathCommand[], f: (p: Point) => Point): PathCommand[] {
  return commands.map((c) => {
    switch (c.op) {
      case 'M':
      case 'L':
        return { op: c.op, to: f(c.to) };
      case 'C':
        return { op: 'C', c1: f(c.c1), c2: f(c.c2), to: f(c.to) };
      case 'Q':
        return { op: 'Q', c: f(c.c), to: f(c.to) };
      case 'Z':
        return c;
    }
  });
}

/** Reads path data into absolute M/L/C/Q/Z; a malformed tail is ignored, as browsers do. */
export function parsePathData(d: string): PathCommand[] {
  const scanner = new Scanner(d);
  const out: PathCommand[] = [];
  let current: Point = { x: 0, y: 0 };
  let start: Point = { x: 0, y: 0 };
  /** the last control point, for S and T reflections */
  let lastCubic: Point | null = null;
  let lastQuad: Point | null = null;
  let op = '';
  while (!scanner.done()) {
    const letter = scanner.command();
    if (letter) op = letter;
    else if (!op || op === 'Z' || op === 'z') break;
    const rel = op === op.toLowerCase();
    const at = (x: number, y: number): Point => (rel ? { x: current.x + x, y: current.y + y } : { x, y });
    let cubic: Point | null = null;
    let quad: Point | null = null;
    switch (op.toUpperCase()) {
      case 'M': {
        const to = at(scanner.number(), scanner.number());
        out.push({ op: 'M', to });
        current = start = to;
        // Further pairs after a moveto are linetos.
        op = rel ? 'l' : 'L';
        break;
      }
      case 'L': {
        current = at(scanner.number(), scanner.number());
        out.push({ op: 'L', to: current });
        break;
      }
      case 'H': {
        const x = scanner.number();
        current = { x: rel ? current.x + x : x, y: current.y };
        out.push({ op: 'L', to: current });
        break;
      }
      case 'V': {
        const y = scanner.number();
        current = { x: current.x, y: rel ? current.y + y : y };
        out.push({ op: 'L', to: current });
        break;
      }
      case 'C': {
        const c1 = at(scanner.number(), scanner.number());
        const c2 = at(scanner.number(), scanner.number());
        const to = at(scanner.number(), scanner.number());
        out.push({ op: 'C', c1, c2, to });
        cubic = c2;
        current = to;
        break;
      }
      case 'S': {
        const c1: Point = lastCubic ? reflect(lastCubic, current) : current;
        const c2 = at(scanner.number(), scanner.number());
        const to = at(scanner.number(), scanner.number());
        out.push({ op: 'C', c1, c2, to });
        cubic = c2;
        current = to;
        break;
      }
      case 'Q': {
        const c = at(scanner.number(), scanner.number());
        const to = at(scanner.number(), scanner.number());
        out.push({ op: 'Q', c, to });
        quad = c;
        current = to;
        break;
      }
      case 'T': {
        const c: Point = lastQuad ? reflect(lastQuad, current) : current;
        const to = at(scanner.number(), scanner.number());
        out.push({ op: 'Q', c, to });
        quad = c;
        current = to;
        break;
      }
      case 'A': {
        const rx = scanner.number();
        const ry = scanner.number();
        const rotation = scanner.number();
        const large = scanner.flag();
        const sweep = scanner.flag();
        const to = at(scanner.number(), scanner.number());
        out.push(...arcToCubics(current, to, rx, ry, rotation, large, sweep));
        current = to;
        break;
      }
      case 'Z': {
        out.push({ op: 'Z' });
        current = start;
        break;
      }
      default:
        return out;
    }
    if (scanner.failed) {
      // Drop the command whose arguments ran out.
      if (op.toUpperCase() !== 'Z') out.pop();
      break;
    }
    lastCubic = cubic;
    lastQuad = quad;
  }
  return out;
}

const reflect = (control: Point, about: Point): Point => ({ x: 2 * about.x - control.x, y: 2 * about.y - control.y });

class Scanner {
  private i = 0;
  failed = false;
  constructor(private readonly s: string) {}

  private skip() {
    while (this.i < this.s.length && /[\s,]/.test(this.s[this.i]!)) this.i++;
  }
  done(): boolean {
    this.skip();
    return this.failed || this.i >= this.s.length;
  }
  command(): string | null {
    this.skip();
    const ch = this.s[this.i];
    if (ch && /[MmLlHhVvCcSsQqTtAaZz]/.test(ch)) {
      this.i++;
      return ch;
    }
    return null;
  }
  number(): number {
    this.skip();
    const match = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 40));
    if (!match) {
      this.failed = true;
      return 0;
    }
    this.i += match[0].length;
    return Number(match[0]);
  }
  /** an arc flag: one character, so "01" is two flags (as icon sets write them) */
  flag(): boolean {
    this.skip();
    const ch = this.s[this.i];
    if (ch !== '0' && ch !== '1') {
      this.failed = true;
      return false;
    }
    this.i++;
    return ch === '1';
  }
}

/** An elliptical arc as cubic Béziers (SVG 1.1 F.6.5 endpoint to centre, then ≤ 90° pieces). */
function arcToCubics(from: Point, to: Point, rxIn: number, ryIn: number, degrees: number, large: boolean, sweep: boolean): PathCommand[] {
  let rx = Math.abs(rxIn);
  let ry = Math.abs(ryIn);
  if (rx === 0 || ry === 0 || (from.x === to.x && from.y === to.y)) return [{ op: 'L', to }];
  const phi = (degrees * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (from.x - to.x) / 2;
  const dy = (from.y - to.y) / 2;
  const x1 = cos * dx + sin * dy;
  const y1 = -sin * dx + cos * dy;
  const lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const numerator = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
  const denominator = rx * rx * y1 * y1 + ry * ry * x1 * x1;
  const k = (large === sweep ? -1 : 1) * Math.sqrt(Math.max(0, numerator / denominator));
  const cx1 = (k * rx * y1) / ry;
  const cy1 = (-k * ry * x1) / rx;
  const cx = cos * cx1 - sin * cy1 + (from.x + to.x) / 2;
  const cy = sin * cx1 + cos * cy1 + (from.y + to.y) / 2;
  const angle = (ux: number, uy: number, vx: number, vy: number) => Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  const theta1 = angle(1, 0, (x1 - cx1) / rx, (y1 - cy1) / ry);
  let delta = angle((x1 - cx1) / rx, (y1 - cy1) / ry, (-x1 - cx1) / rx, (-y1 - cy1) / ry);
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  if (sweep && delta < 0) delta += 2 * Math.PI;

  const pieces = Math.max(1, Math.ceil(Math.abs(delta) / (Math.PI / 2) - 1e-9));
  const step = delta / pieces;
  const t = (4 / 3) * Math.tan(step / 4);
  const point = (a: number): Point => ({
    x: cx + rx * Math.cos(a) * cos - ry * Math.sin(a) * sin,
    y: cy + rx * Math.cos(a) * sin + ry * Math.sin(a) * cos,
  });
  const derivative = (a: number): Point => ({
    x: -rx * Math.sin(a) * cos - ry * Math.cos(a) * sin,
    y: -rx * Math.sin(a) * sin + ry * Math.cos(a) * cos,
  });
  const out: PathCommand[] = [];
  for (let i = 0; i < pieces; i++) {
    const a0 = theta1 + i * step;
    const a1 = a0 + step;
    const p0 = point(a0);
    const p1 = i === pieces - 1 ? to : point(a1);
    const d0 = derivative(a0);
    const d1 = derivative(a1);
    out.push({
      op: 'C',
      c1: { x: p0.x + t * d0.x, y: p0.y + t * d0.y },
      c2: { x: p1.x - t * d1.x, y: p1.y - t * d1.y },
      to: p1,
    });
  }
  return out;
}

export interface Polyline {
  points: Point[];
  closed: boolean;
}

/** The path as polylines, each curve cut into `steps` straight pieces. */
export function flattenPath(commands: readonly PathCommand[], steps = 16): Polyline[] {
  const lines: Polyline[] = [];
  let line: Polyline | null = null;
  let current: Point = { x: 0, y: 0 };
  const add = (p: Point) => {
    if (!line) {
      line = { points: [current], closed: false };
      lines.push(line);
    }
    line.points.push(p);
    current = p;
  };
  for (const c of commands) {
    switch (c.op) {
      case 'M':
        line = { points: [c.to], closed: false };
        lines.push(line);
        current = c.to;
        break;
      case 'L':
        add(c.to);
        break;
      case 'C': {
        const p0 = current;
        for (let i = 1; i <= steps; i++) add(cubicAt(p0, c.c1, c.c2, c.to, i / steps));
        break;
      }
      case 'Q': {
        const p0 = current;
        for (let i = 1; i <= steps; i++) add(quadAt(p0, c.c, c.to, i / steps));
        break;
      }
      case 'Z':
        if (line) {
          line.closed = true;
          current = line.points[0]!;
          line = null;
        }
        break;
    }
  }
  return lines.filter((l) => l.points.length > 1);
}

function cubicAt(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

function quadAt(p0: Point, p1: Point, p2: Point, t: number): Point {
  const u = 1 - t;
  return { x: u * u * p0.x + 2 * u * t * p1.x + t * t * p2.x, y: u * u * p0.y + 2 * u * t * p1.y + t * t * p2.y };
}

/** Polylines as path data (straight pieces only). */
export function polylineData(lines: readonly Polyline[]): string {
  return pathData(
    lines.flatMap((l): PathCommand[] => [
      { op: 'M', to: l.points[0]! },
      ...l.points.slice(1).map((to): PathCommand => ({ op: 'L', to })),
      ...(l.closed ? [{ op: 'Z' } as const] : []),
    ]),
  );
}
