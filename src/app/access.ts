/**
 * Who this browser is on a map: the role its link grants (or the workspace's
 * editor role), the workspace sign-in, and a map's share links. The role is
 * remembered per map so a map opened before still opens offline.
 */
import * as z from 'zod/mini';
import { mapLinkKey, RoleSchema, type Role } from '../model/roles';
import { ApiError } from './api';
import { readStored, writeStored } from '../state/browserStorage';

const AccessSchema = z.object({ mapId: z.string(), role: RoleSchema });
/** How the workspace is entered: nothing (open), the password, or one-time sign-in links. */
export const WorkspaceModeSchema = z.enum(['open', 'password', 'link']);
export type WorkspaceMode = z.infer<typeof WorkspaceModeSchema>;
const SessionSchema = z.object({ mode: WorkspaceModeSchema, signedIn: z.boolean() });
const SignInLinkSchema = z.object({ link: z.string() });
const LinksSchema = z.object({ edit: z.string(), comment: z.string(), view: z.string() });
export type ShareLinks = z.infer<typeof LinksSchema>;

async function json<T>(res: Response, schema: z.ZodMiniType<T>): Promise<T> {
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(body?.error ?? `${res.status} ${res.statusText}`, res.status);
  }
  return schema.parse(await res.json());
}

/** The `token` of the page's URL, if the page was opened through a share link. */
export function pageToken(loc: Location = window.location): string | null {
  const token = new URLSearchParams(loc.search).get('token');
  return token ? token : null;
}

const roleKey = (mapId: string) => `journeyboard.role:${mapId}`;

export type AccessResult =
  { kind: 'granted'; role: Role; offline: boolean } | { kind: 'denied'; reason: 'invalid-link' | 'sign-in' } | { kind: 'not-found' };

/**
 * The question asked early, while the map's code is still loading
 * (prefetchAccess): the first resolveAccess for the same map and token takes
 * it instead of asking again, so the two waits overlap instead of adding up.
 */
let early: { key: string; answer: Promise<AccessResult> } | null = null;

export function prefetchAccess(mapId: string, token: string | null): Promise<AccessResult> {
  early = { key: mapLinkKey(mapId, token), answer: askAccess(mapId, token) };
  return early.answer;
}

/** What this browser may do on `mapId`: the early answer if there is one for it, else asked now. */
export function resolveAccess(mapId: string, token: string | null): Promise<AccessResult> {
  const key = mapLinkKey(mapId, token);
  if (early?.key === key) {
    const { answer } = early;
    early = null; // taken once: a retry asks afresh
    return answer;
  }
  return askAccess(mapId, token);
}

/** Asks the server what this browser may do on `mapId`; offline, the last answer for this map. */
async function askAccess(mapId: string, token: string | null): Promise<AccessResult> {
  const query = new URLSearchParams({ map: mapId });
  if (token) query.set('token', token);
  let res: Response;
  try {
    res = await fetch(`/api/access?${query}`);
  } catch {
    const remembered = RoleSchema.safeParse(readStored(roleKey(mapId)));
    // Never opened here: assume the least, the server decides once reachable.
    return { kind: 'granted', role: remembered.success ? remembered.data : 'viewer', offline: true };
  }
  if (res.status === 404) return { kind: 'not-found' };
  if (res.status === 401) return { kind: 'denied', reason: token ? 'invalid-link' : 'sign-in' };
  const { role } = await json(res, AccessSchema);
  // Storage blocked: an offline opening falls back to read-only.
  writeStored(roleKey(mapId), role);
  return { kind: 'granted', role, offline: false };
}

export const getSession = async () => json(await fetch('/api/session'), SessionSchema);

/** Signs this browser in to the workspace with its password, or with a sign-in link's token. */
export async function signIn(credential: { password: string } | { signInToken: string }): Promise<void> {
  const res = await fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credential),
  });
  if (res.status !== 204) await json(res, z.unknown());
}

/** A new one-time sign-in link for another browser (link mode, signed in). */
export const newSignInLink = async (): Promise<string> =>
  (await json(await fetch('/api/session/links', { method: 'POST' }), SignInLinkSchema)).link;

export async function signOut(): Promise<void> {
  await fetch('/api/session', { method: 'DELETE' });
}

export const getLinks = async (mapId: string) => json(await fetch(`/api/maps/${encodeURIComponent(mapId)}/links`), LinksSchema);

export const rotateLinks = async (mapId: string) =>
  json(await fetch(`/api/maps/${encodeURIComponent(mapId)}/links/rotate`, { method: 'POST' }), LinksSchema);
