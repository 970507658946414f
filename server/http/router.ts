/**
 * The HTTP API as one table of routes, each saying who may call it. Every
 * request goes through the same steps, so a new route cannot forget one:
 *
 * 1. the Host check (DNS rebinding): 421 for a name this server does not answer to
 *    (all but /health, which load balancers probe by names of their own);
 * 2. the route: 404, or 405 with `Allow`;
 * 3. cross-origin writes (CSRF): a page on another origin may not change anything (403);
 * 4. the route's access: public, the workspace, or a share link of at least
 *    some role on the route's map (`:id`; a token on the request decides
 *    alone, as on the map's sockets): 401, 403 or 404;
 * 5. the route's cap, if it has one (map creation): 429 with Retry-After, 507;
 * 6. the handler.
 *
 * Errors become JSON `{ error, issues? }`; anything unexpected is logged and
 * answered 500. Paths that are not the API fall through to `fallback`
 * (the built app), after the Host check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { IdSchema } from '../../src/model/schema';
import { roleAtLeast, type Role } from '../../src/model/roles';
import { tokenParam, type Access } from '../auth';
import type { HostCheck } from '../hosts';
import type { Logger } from '../log';
import { VersionError } from '../versions';
import { MapNotFoundError } from '../ws/room';
import { HttpError, sendJson } from './respond';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Who may call a route. */
export type RouteAccess =
  /** anyone who reaches the server (the route checks what it must itself) */
  | 'public'
  /** a browser with the workspace (signed in, or an open workspace) */
  | 'workspace'
  /** the workspace, or a share link of the route's map (`:id`) granting at least this role */
  | { link: Role };

/** How a request got in: for link routes, its role on the route's map. */
export type Grant = { via: 'public' } | { via: 'workspace' } | { via: 'token'; role: Role };

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: Method;
  /** path parameters by name (`:id` -> params.id), not yet validated beyond the route's own rules */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** the client's address (TRUST_PROXY applied), for per-client caps */
  address: string;
  grant: Grant;
}

export interface Route {
  method: Method;
  /** `/api/maps/:id/versions/:versionId` */
  path: string;
  access: RouteAccess;
  /** a cap the request counts against before the handler runs (see Caps) */
  cap?: 'createMap';
  handle(ctx: RequestContext): Promise<void>;
}

/** The caps routes can name; 429/507 are thrown from here as HttpErrors. */
export interface Caps {
  createMap(address: string): Promise<void>;
}

export interface RouterDeps {
  routes: readonly Route[];
  access: Access;
  hosts: HostCheck;
  caps: Caps;
  clientAddress(req: IncomingMessage): string;
  log: Logger;
  /** everything that is not under /api or /health: the built app */
  fallback(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
}

interface CompiledRoute extends Route {
  segments: string[];
}

function match(segments: readonly string[], parts: readonly string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.startsWith(':')) params[segment.slice(1)] = parts[i]!;
    else if (segment !== parts[i]) return null;
  }
  return params;
}

const isRead = (method: string) => method === 'GET' || method === 'HEAD';

export function createRouter({ routes, access, hosts, caps, clientAddress, log, fallback }: RouterDeps) {
  const compiled: CompiledRoute[] = routes.map((r) => ({ ...r, segments: r.path.split('/').filter(Boolean) }));

  /** The grant a route's access rule gives this request, or the HttpError that refuses it. */
  const authorize = async (route: Route, req: IncomingMessage, params: Record<string, string>, query: URLSearchParams): Promise<Grant> => {
    if (route.access === 'public') return { via: 'public' };
    if (route.access === 'workspace') {
      if (!access.hasWorkspace(req)) throw new HttpError(401, 'sign in required');
      return { via: 'workspace' };
    }
    const id = IdSchema.safeParse(params.id);
    if (!id.success) throw new HttpError(404, 'map not found');
    const admission = await access.admit(req, id.data, tokenParam(query));
    if (!admission.ok) throw new HttpError(admission.status, admission.reason);
    if (admission.via === 'workspace') return { via: 'workspace' };
    const needed = route.access.link;
    if (!roleAtLeast(admission.role, needed))
      throw new HttpError(403, `a ${admission.role} link cannot do this: it needs ${needed} access`);
    return { via: 'token', role: admission.role };
  };

  const dispatch = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const matching = compiled.flatMap((r) => {
      const params = match(r.segments, parts);
      return params ? [{ route: r, params }] : [];
    });
    // A literal segment beats a parameter: /api/maps/import is never the map "import".
    const literals = (r: CompiledRoute) => r.segments.filter((s) => !s.startsWith(':')).length;
    const best = Math.max(0, ...matching.map((c) => literals(c.route)));
    const candidates = matching.filter((c) => literals(c.route) === best);
    if (candidates.length === 0) throw new HttpError(404, 'not found');
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const found = candidates.find((c) => c.route.method === method);
    if (!found) {
      const allow = [...new Set(candidates.flatMap((c) => (c.route.method === 'GET' ? ['GET', 'HEAD'] : [c.route.method])))];
      throw new HttpError(405, 'method not allowed', undefined, { allow: allow.join(', ') });
    }
    // A page on another site must not create, change or delete anything (nor sign in).
    if (!isRead(req.method ?? 'GET') && access.isCrossOrigin(req)) throw new HttpError(403, 'cross-origin request refused');
    const { route, params } = found;
    const grant = await authorize(route, req, params, url.searchParams);
    const address = clientAddress(req);
    if (route.cap === 'createMap') await caps.createMap(address);
    await route.handle({ req, res, method: route.method, params, query: url.searchParams, address, grant });
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let pathname = '/';
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      pathname = url.pathname;
      // A load balancer may probe /health by a name of its own; it tells nothing worth a rebinding attack.
      if (pathname !== '/health' && !hosts.allows(req.headers.host)) {
        log.info('request for an unknown host refused', { host: String(req.headers.host ?? '').slice(0, 100) });
        throw new HttpError(
          421,
          'this server does not answer to that host name: add it to ALLOWED_HOSTS (or set PUBLIC_URL) if people reach the server by it',
        );
      }
      if (pathname === '/health' || pathname === '/metrics' || pathname === '/api' || pathname.startsWith('/api/'))
        return await dispatch(req, res, url);
      if (pathname === '/ws' || pathname.startsWith('/ws/'))
        throw new HttpError(426, 'websocket endpoint: upgrade required', undefined, { upgrade: 'websocket' });
      return await fallback(req, res, pathname);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) {
        return sendJson(res, err.status, { error: err.message, ...(err.issues ? { issues: err.issues } : {}) }, err.headers);
      }
      if (err instanceof VersionError) return sendJson(res, err.status, { error: err.message });
      if (err instanceof URIError) return sendJson(res, 400, { error: 'malformed URL' });
      // deleted while a rename or a duplicate was loading its room
      if (err instanceof MapNotFoundError) return sendJson(res, 404, { error: 'map not found' });
      log.error('request failed', { method: req.method, path: pathname, err });
      return sendJson(res, 500, { error: 'internal error' });
    }
  };
}
