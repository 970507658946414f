/**
 * `nextCursor` of `GET /api/maps`: where a page ended, as the sort key and id
 * of its last map (JSON, base64url). Clients pass it back unread. It holds a
 * position, not an offset, so maps created or edited meanwhile shift nothing:
 * the next page starts right after that position in the order (order.ts).
 */
import { z } from 'zod';
import type { MapSort } from '../../src/model/schema';
import type { MapIndexRow } from '../store/types';

/** The sort a cursor was made for comes first, so a cursor of another sort is refused rather than misread. */
const PositionSchema = z.union([
  z.tuple([z.literal('edited'), z.number(), z.string().min(1)]),
  z.tuple([z.literal('title'), z.string(), z.string().min(1)]),
]);

export function encodeCursor(sort: MapSort, last: MapIndexRow): string {
  const position = sort === 'edited' ? [sort, last.updatedAt, last.id] : [sort, last.title, last.id];
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * The position a cursor holds, as a row the order of `sort` can compare
 * (the order reads only that sort's key and the id); null if the cursor is
 * not one this server made for `sort`.
 */
export function decodeCursor(sort: MapSort, cursor: string): MapIndexRow | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = PositionSchema.safeParse(json);
  if (!parsed.success || parsed.data[0] !== sort) return null;
  const [, key, id] = parsed.data;
  return typeof key === 'number' ? { id, title: '', updatedAt: key } : { id, title: key, updatedAt: 0 };
}
