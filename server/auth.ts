/**
 * Who may do what. Two ways in:
 *
 * - **A share link**: its signed token (server/tokens.ts) grants one role on
 *   one map, for as long as the map's links are not rotated.
 * - **The workspace**: the dashboard, creating maps, and editing any map.
 *   Open to everyone when no JOURNEYBOARD_PASSWORD is set (a single-user
 *   local server); with one, only to browsers holding a valid session cookie
 *   (server/session.ts).
 *
 * A token, when a request carries one, decides alone: a bad token is
 * refused even from a signed-in browser, so a revoked link never quietly
 * keeps working. The upgrade handler asks `socketRole` for every socket and
 * the connection enforces the answer (a viewer's or commenter's document
 * updates are dropped on the server, whatever the UI shows).
 */
import type { IncomingMessage } from 'node:http';
import type { Config } from './config';
import { Sessions } from './session';
import type { Store, SubDoc } from './store/types';
import { checkShareToken, shareTokenKey, signShareToken, type Role } from './tokens';

export { ROLES, type Role } from './tokens';

/** The three links of a map, by what they let people do. */
export const LINK_ROLES = { edit: 'editor', comment: 'commenter', view: 'viewer' } as const satisfies Record<string, Role>;
export type ShareLinks = Record<keyof typeof LINK_ROLES, string>;

export type RefusalReason = 'invalid link' | 'link revoked' | 'sign in required' | 'map not found';

export type Admission =
  /** by a share link, whose version rotating the links revokes */
  | { ok: true; role: Role; via: 'token'; linkVersion: number }
  | { ok: true; role: 'editor'; via: 'workspace' }
  | { ok: false; status: 401 | 404; reason: RefusalReason };

/** Whether `role` may change the map document (`sub` null) or one of its subdocs. */
export function canWrite(role: Role, sub: SubDoc | null): boolean {
  if (sub === 'comments') return role === 'editor' || role === 'commenter';
  return role === 'editor';
}

/**
 * The `token` query parameter: null if absent, 'invalid' if given more than
 * once (which one would count is ambiguous: neither does).
 */
export function tokenParam(query: URLSearchParams): string | null | 'invalid' {
  const all = query.getAll('token');
  if (all.length === 0) return null;
  return all.length === 1 ? all[0]! : 'invalid';
}

/** host[:port] as a Host header should look (a name, IPv4, or bracketed IPv6); anything else is not used in a link. */
const HOST_HEADER =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;

export class Access {
  /** null: no workspace password, the workspace is open */
  readonly sessions: Sessions | null;
  private readonly tokenKey: Buffer;
  private readonly publicOrigin: string | null;

  constructor(
    private readonly config: Config,
    private readonly store: Store,
    secret: Buffer,
  ) {
    this.tokenKey = shareTokenKey(secret);
    this.sessions = config.JOURNEYBOARD_PASSWORD === undefined ? null : new Sessions(secret, config.JOURNEYBOARD_PASSWORD);
    this.publicOrigin = config.PUBLIC_URL === undefined ? null : new URL(config.PUBLIC_URL).origin;
  }

  get passwordRequired(): boolean {
    return this.sessions !== null;
  }

  /** Session cookies get `Secure` when people reach the server over https. */
  get secureCookies(): boolean {
    return this.publicOrigin?.startsWith('https:') ?? false;
  }

  /**
   * Whether a browser page on another origin sent this request (its Origin
   * header names neither this host nor PUBLIC_URL). Such requests get no
   * workspace access from the cookie and may not change anything: SameSite
   * does not separate sites on one host (localhost:3000 vs :8080), nor does
   * it apply to a websocket the way it does to a fetch. Clients other than
   * browsers send no Origin and are not affected.
   */
  isCrossOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return false;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return true; // "null" (sandboxed frames, file:) or garbage
    }
    if (parsed.origin === this.publicOrigin) return false;
    const host = req.headers.host;
    return typeof host !== 'string' || parsed.host !== host.toLowerCase() || !/^https?:$/.test(parsed.protocol);
  }

  /** Whether the request may use the workspace: dashboard, creating maps, any map as editor. */
  hasWorkspace(req: IncomingMessage): boolean {
    if (this.sessions === null) return true;
    return !this.isCrossOrigin(req) && this.sessions.isSignedIn(req.headers.cookie);
  }

  /**
   * The role a request has on `mapId`: by its share token if it carries one
   * (the `token` query parameter), else by the workspace. A map that does not
   * exist is 404 only for a request that could otherwise get in.
   */
  async admit(req: IncomingMessage, mapId: string, token: string | null | 'invalid'): Promise<Admission> {
    if (token === null) {
      if (!this.hasWorkspace(req)) return { ok: false, status: 401, reason: 'sign in required' };
      if ((await this.store.getMap(mapId)) === null) return { ok: false, status: 404, reason: 'map not found' };
      return { ok: true, role: 'editor', via: 'workspace' };
    }
    const linkVersion = await this.store.linkVersion(mapId);
    if (linkVersion === null) return { ok: false, status: 404, reason: 'map not found' };
    const check = checkShareToken(this.tokenKey, token, mapId, linkVersion);
    if (!check.ok) return { ok: false, status: 401, reason: check.reason === 'revoked' ? 'link revoked' : 'invalid link' };
    return { ok: true, role: check.role, via: 'token', linkVersion: check.version };
  }

  /** The token of a `role` link to `mapId` at `linkVersion`. */
  token(mapId: string, role: Role, linkVersion: number): string {
    return signShareToken(this.tokenKey, { m: mapId, r: role, v: linkVersion });
  }

  /** Full URLs of the map's three links, on the address people use (see linkBase). */
  links(req: IncomingMessage, mapId: string, linkVersion: number): ShareLinks {
    const base = this.linkBase(req);
    const link = (role: Role) => `${base}/m/${encodeURIComponent(mapId)}?token=${this.token(mapId, role, linkVersion)}`;
    return { edit: link(LINK_ROLES.edit), comment: link(LINK_ROLES.comment), view: link(LINK_ROLES.view) };
  }

  /**
   * PUBLIC_URL if set; else the address the request came to (its Host
   * header, if it looks like host[:port], over http); else localhost and the
   * port it came in on.
   */
  linkBase(req: IncomingMessage): string {
    if (this.config.PUBLIC_URL !== undefined) return this.config.PUBLIC_URL.replace(/\/+$/, '');
    const host = req.headers.host;
    if (typeof host === 'string' && host.length <= 260 && HOST_HEADER.test(host)) return `http://${host.toLowerCase()}`;
    return `http://localhost:${req.socket.localPort ?? this.config.PORT}`;
  }
}

/**
 * The role of a socket on `mapId`, from the `token` query parameter of its
 * URL (y-websocket's `params` option puts it there), else the workspace.
 * The upgrade handler closes a refused socket with 4401 (or 4404) and the reason.
 */
export async function socketRole(req: IncomingMessage, mapId: string, access: Access): Promise<Admission> {
  let query: URLSearchParams;
  try {
    query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  } catch {
    return { ok: false, status: 401, reason: 'invalid link' };
  }
  return access.admit(req, mapId, tokenParam(query));
}
