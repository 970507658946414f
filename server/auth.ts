/**
 * Who may do what. Two ways in:
 *
 * - **A share link**: its signed token (server/tokens.ts) grants one role on
 *   one map, for as long as the map's links are not rotated.
 * - **The workspace**: the dashboard, creating maps, and editing any map.
 *   How a browser gets it is the workspace's mode (WorkspaceMode): signed in
 *   with JOURNEYBOARD_PASSWORD (`password`); signed in through a one-time
 *   sign-in link (`link`, the default: the server prints one when it starts,
 *   as Jupyter does); or nothing at all (`open`: JOURNEYBOARD_OPEN=1, or a
 *   server that only listens on loopback). A page on another origin never
 *   gets the workspace, open or not.
 *
 * A token, when a request carries one, decides alone: a bad token is
 * refused even from a signed-in browser, so a revoked link never quietly
 * keeps working. The upgrade handler asks `admit` for every socket and the
 * connection enforces the answer (a viewer's or commenter's document
 * updates are dropped on the server, whatever the UI shows).
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Role } from '../src/model/roles';
import type { Config } from './config';
import type { HostCheck } from './hosts';
import { Password, Sessions } from './session';
import type { Store } from './store/types';
import { checkShareToken, shareTokenKey, signShareToken } from './tokens';

/** The three links of a map, by what they let people do. */
export const LINK_ROLES = { edit: 'editor', comment: 'commenter', view: 'viewer' } as const satisfies Record<string, Role>;
export type ShareLinks = Record<keyof typeof LINK_ROLES, string>;

export type RefusalReason = 'invalid link' | 'link revoked' | 'sign in required' | 'map not found';

export type Admission =
  /** by a share link, whose version rotating the links revokes */
  | { ok: true; role: Role; via: 'token'; linkVersion: number }
  | { ok: true; role: 'editor'; via: 'workspace' }
  | { ok: false; status: 401 | 404; reason: RefusalReason };

export const WORKSPACE_MODES = ['open', 'password', 'link'] as const;
export type WorkspaceMode = (typeof WORKSPACE_MODES)[number];

/** How long a sign-in link works if nobody uses it. */
export const SIGN_IN_LINK_TTL_MS = 7 * 24 * 3600_000;

const isLoopbackHost = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** The workspace's mode for this configuration: safe unless told otherwise. */
export function workspaceMode(config: Pick<Config, 'JOURNEYBOARD_PASSWORD' | 'JOURNEYBOARD_OPEN' | 'HOST'>): WorkspaceMode {
  if (config.JOURNEYBOARD_PASSWORD !== undefined) return 'password';
  if (config.JOURNEYBOARD_OPEN !== undefined) return config.JOURNEYBOARD_OPEN ? 'open' : 'link';
  return isLoopbackHost(config.HOST) ? 'open' : 'link';
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

const signInTokenHash = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export class Access {
  readonly mode: WorkspaceMode;
  /** null: the workspace is open, there is nothing to sign in to */
  readonly sessions: Sessions | null;
  private readonly password: Password | null;
  private readonly tokenKey: Buffer;
  private readonly publicOrigin: string | null;

  constructor(
    private readonly config: Config,
    private readonly store: Store,
    secret: Buffer,
    private readonly hosts: HostCheck,
  ) {
    this.mode = workspaceMode(config);
    this.tokenKey = shareTokenKey(secret);
    const password = config.JOURNEYBOARD_PASSWORD;
    this.password = password === undefined ? null : new Password(password);
    this.sessions = this.mode === 'open' ? null : new Sessions(secret, password ?? 'sign-in links');
    this.publicOrigin = config.PUBLIC_URL === undefined ? null : new URL(config.PUBLIC_URL).origin;
  }

  get passwordRequired(): boolean {
    return this.mode === 'password';
  }

  /** Session cookies get `Secure` when people reach the server over https. */
  get secureCookies(): boolean {
    return this.publicOrigin?.startsWith('https:') ?? false;
  }

  /**
   * Whether a browser page on another origin sent this request (its Origin
   * header names neither this host nor PUBLIC_URL). Such requests get no
   * workspace access and may not change anything: SameSite does not separate
   * sites on one host (localhost:3000 vs :8080), nor does it apply to a
   * websocket the way it does to a fetch, and an open workspace has no
   * cookie at all. Clients other than browsers send no Origin and are not
   * affected.
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
    if (this.isCrossOrigin(req)) return false;
    return this.sessions === null || this.sessions.isSignedIn(req.headers.cookie);
  }

  /** Whether `candidate` is the workspace password (false when there is none). */
  passwordMatches(candidate: string): boolean {
    return this.password?.matches(candidate) ?? false;
  }

  /** A one-time sign-in link to the workspace on `base` (link mode), good for SIGN_IN_LINK_TTL_MS. */
  async newSignInLink(base: string): Promise<string> {
    const token = crypto.randomBytes(24).toString('base64url');
    await this.store.addSignInToken(signInTokenHash(token), Date.now() + SIGN_IN_LINK_TTL_MS);
    // In the fragment: never sent to a server, so no log or proxy on the way sees it.
    return `${base}/#signin=${token}`;
  }

  /** Uses up a sign-in link's token; whether it was good. */
  async redeemSignInToken(token: string): Promise<boolean> {
    if (this.mode !== 'link' || !/^[A-Za-z0-9_-]{16,64}$/.test(token)) return false;
    return this.store.useSignInToken(signInTokenHash(token), Date.now());
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
   * header, over http), if it is one this server answers to (HostCheck: a
   * link is never built on a name someone else chose); else localhost and
   * the port it came in on.
   */
  linkBase(req: IncomingMessage): string {
    if (this.config.PUBLIC_URL !== undefined) return this.config.PUBLIC_URL.replace(/\/+$/, '');
    const host = req.headers.host;
    if (typeof host === 'string' && this.hosts.allows(host)) return `http://${host.trim().toLowerCase()}`;
    return `http://localhost:${req.socket.localPort ?? this.config.PORT}`;
  }
}
