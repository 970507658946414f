/**
 * CSS unicode-range values, read and written: the build cuts fonts by them
 * (scripts/fontFaces.ts) and the exports pick a face by them.
 */
export type CodeRange = [number, number];

/** "U+4e00-4e0f,U+20" → [[0x4e00, 0x4e0f], [0x20, 0x20]]; wildcards (U+4??) as their range. */
export function parseUnicodeRange(value: string): CodeRange[] {
  return value
    .split(',')
    .map((part) => part.trim().replace(/^u\+/i, ''))
    .filter(Boolean)
    .map((part): CodeRange => {
      if (part.includes('?')) return [parseInt(part.replace(/\?/g, '0'), 16), parseInt(part.replace(/\?/g, 'f'), 16)];
      const [from = '', to = from] = part.split('-');
      return [parseInt(from, 16), parseInt(to, 16)];
    });
}

/** Ranges as a unicode-range value. */
export const formatUnicodeRange = (ranges: readonly CodeRange[]): string =>
  ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',');

/** Code points as ranges, consecutive ones merged. */
export function rangesOf(points: Iterable<number>): CodeRange[] {
  const sorted = [...new Set(points)].sort((x, y) => x - y);
  const out: CodeRange[] = [];
  for (const cp of sorted) {
    const last = out[out.length - 1];
    if (last && cp === last[1] + 1) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}

export const inRanges = (ranges: readonly CodeRange[], codePoint: number): boolean =>
  ranges.some(([from, to]) => codePoint >= from && codePoint <= to);
