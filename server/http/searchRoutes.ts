/**
 * GET /api/search?q=…&kind=…: cards whose text contains `q` in every map,
 * for whoever may list the maps (the workspace, like GET /api/maps: a share
 * link's holder sees one map, never the others).
 */
import { z } from 'zod';
import { LaneKindSchema } from '../../src/model/schema';
import type { CardSearchQuery } from '../../src/model/cardSearch';
import { searchCards } from '../cardIndex';
import type { Store } from '../store/types';
import { sendJson, validate } from './respond';
import type { RequestContext, Route } from './router';

export const CardSearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((q) => !/[\r\n]/.test(q), 'one line'),
  kind: LaneKindSchema.optional(),
}) satisfies z.ZodType<CardSearchQuery>;

export function searchRoutes({ store }: { store: Store }): Route[] {
  const search = async ({ res, query }: RequestContext) => {
    const parsed = validate(CardSearchQuerySchema, Object.fromEntries(query), 'query');
    sendJson(res, 200, await searchCards(store, parsed));
  };
  return [{ method: 'GET', path: '/api/search', access: 'workspace', handle: search }];
}
