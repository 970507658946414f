/**
 * GET /api/time: the server's clock, for the workshop timer. Every browser
 * estimates its offset from this clock (src/sync/serverClock.ts), so a time
 * box ends at the same moment on every screen whatever each machine's clock
 * says. Public: the time of day is no secret, and a page asks before it knows
 * its role.
 */
import { sendJson } from './respond';
import type { Route } from './router';

export function timeRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/time',
      access: 'public',
      // Read as late as possible: the client halves the round trip around this instant.
      handle: async ({ res }) => sendJson(res, 200, { now: Date.now() }),
    },
  ];
}
