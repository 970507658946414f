/**
 * Who may do what on a map. The seam for issue 4 (signed share tokens): the
 * upgrade handler asks `socketRole` for every socket and the connection
 * enforces the answer (a viewer's or commenter's document updates are
 * dropped on the server, whatever the UI shows).
 */
import type { IncomingMessage } from 'node:http';

export const ROLES = ['editor', 'commenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The role of a socket on `mapId`, or null to refuse it (closed with 4401).
 * Issue 4 reads the `token` query parameter (y-websocket's `params` option),
 * verifies its signature and map id, and returns the role it grants. Until
 * then every socket to an existing map is an editor, as the REST API is open.
 */
export async function socketRole(_req: IncomingMessage, _mapId: string): Promise<Role | null> {
  return 'editor';
}
