/**
 * The roles a share link grants, and what each may write: one definition
 * for the server that enforces them and the client that follows them
 * (zod/mini: the dashboard checks a role without loading zod's full API).
 */
import * as z from 'zod/mini';

/** Strongest first. */
export const ROLES = ['editor', 'commenter', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** One key for a map as opened through a share link (`token`), or without one: what early openings are matched by. */
export const mapLinkKey = (mapId: string, token: string | null): string => `${mapId}\n${token ?? ''}`;

/** The documents of a map a socket can be on: the map's own, its comments, or the editor's private one (workshop rounds). */
export type MapDocKind = 'map' | 'comments' | 'private';

/** Whether `role` may change the map document, its comments, or a private document (only editors get one). */
export function canWrite(role: Role, doc: MapDocKind): boolean {
  return doc === 'comments' ? role === 'editor' || role === 'commenter' : role === 'editor';
}

/** Whether `role` grants at least what `needed` does. */
export const roleAtLeast = (role: Role, needed: Role): boolean => ROLES.indexOf(role) <= ROLES.indexOf(needed);
