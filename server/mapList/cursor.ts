/**
 * `nextCursor` of `GET /api/maps`: where a page ended, as the sort key and id
 * of its last map (JSON, base64url). Clients pass it back unread. It holds a
 * position, not an offset, so maps created or edited meanwhile shift nothing:
 * the next page starts right after that position in the order (order.ts).
 *
 * Maps overdue for review come first in every order (page.ts), and whether a
 * map is overdue depends on the time: the cursor also carries whether its
 * last map was overdue and the instant the first page was chosen at
 * (`asOf`), and later pages judge every map as of that instant, so the
 * order stays one order across the pages of one listing.
 */
import { z } from 'zod';
import type { MapSort } from '../../src/model/schema';
import type { MapIndexRow } from '../store/types';

const Freshness = [z.union([z.literal(0), z.literal(1)]), z.number().int().nonnegative()] as const;

/** The sort a cursor was made for comes first, so a cursor of another sort is refused rather than misread. */
const PositionSchema = z.union([
  z.tuple([z.literal('edited'), z.number(), z.string().min(1), ...Freshness]),
  z.tuple([z.literal('title'), z.string(), z.string().min(1), ...Freshness]),
  // made before cursors carried freshness
  z.tuple([z.literal('edited'), z.number(), z.string().min(1)]),
  z.tuple([z.literal('title'), z.string(), z.string().min(1)]),
]);

/** Where a page ended: the last map's position, whether it was overdue, as of when. */
export type CursorPosition = MapIndexRow & { stale?: boolean; asOf?: number };

export function encodeCursor(sort: MapSort, last: MapIndexRow, freshness?: { stale: boolean; asOf: number }): string {
  const position: unknown[] = sort === 'edited' ? [sort, last.updatedAt, last.id] : [sort, last.title, last.id];
  if (freshness) position.push(freshness.stale ? 1 : 0, freshness.asOf);
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * The position a cursor holds, as a row the order of `sort` can compare
 * (the order reads only that sort's key and the id), with the freshness it
 * carries; null if the cursor is not one this server made for `sort`.
 */
export function decodeCursor(sort: MapSort, cursor: string): CursorPosition | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = PositionSchema.safeParse(json);
  if (!parsed.success || parsed.data[0] !== sort) return null;
  const [, key, id, stale, asOf] = parsed.data;
  const row: CursorPosition = typeof key === 'number' ? { id, title: '', updatedAt: key } : { id, title: key, updatedAt: 0 };
  if (stale !== undefined && asOf !== undefined) Object.assign(row, { stale: stale === 1, asOf });
  return row;
}
