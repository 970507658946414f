/**
 * Signing in to the workspace and asking what a page may do:
 * GET/POST/DELETE /api/session, POST /api/session/links (a one-time sign-in
 * link for another browser, in link mode) and GET /api/access.
 */
import { z } from 'zod';
import { IdSchema } from '../../src/model/schema';
import { tokenParam, type Access } from '../auth';
import type { Logger } from '../log';
import { AttemptLimiter, sessionCookie } from '../session';
import { HttpError, noContent, readJson, sendJson, validate } from './respond';
import type { RequestContext, Route } from './router';

/** POST /api/session: the password (password mode) or a sign-in link's token (link mode). */
const SignInRequestSchema = z.union([
  z.strictObject({ password: z.string().min(1).max(1024) }),
  z.strictObject({ signInToken: z.string().min(1).max(256) }),
]);

export interface SessionRouteDeps {
  access: Access;
  maxBodyBytes: number;
  log: Logger;
}

export function sessionRoutes({ access, maxBodyBytes, log }: SessionRouteDeps): Route[] {
  const attempts = new AttemptLimiter();

  const signIn = async ({ req, res, address }: RequestContext) => {
    if (access.sessions === null) throw new HttpError(409, 'this workspace is open: there is nothing to sign in to');
    // Checked before the password, so guessing on at the limit learns nothing.
    const wait = attempts.retryAfter(address);
    if (wait > 0) {
      log.debug('sign-in refused: too many attempts', { remote: address });
      throw new HttpError(429, 'too many sign-in attempts: try again later', undefined, { 'retry-after': String(wait) });
    }
    const body = validate(SignInRequestSchema, await readJson(req, maxBodyBytes));
    if ('password' in body) {
      if (!access.passwordMatches(body.password)) {
        attempts.fail(address);
        log.warn('sign-in failed: wrong password', { remote: address });
        throw new HttpError(401, 'wrong password');
      }
    } else if (!(await access.redeemSignInToken(body.signInToken))) {
      attempts.fail(address);
      log.warn('sign-in failed: sign-in link used, expired or unknown', { remote: address });
      throw new HttpError(401, 'this sign-in link has been used or has expired');
    }
    log.info('signed in', { remote: address, with: 'password' in body ? 'password' : 'sign-in link' });
    noContent(res, { 'set-cookie': sessionCookie(access.sessions.issue(), access.secureCookies) });
  };

  /** GET /api/access?map=<id>[&token=<token>]: the role this page has on the map, as its socket will get it. */
  const accessOf = async ({ req, res, query }: RequestContext) => {
    const mapId = IdSchema.safeParse(query.get('map'));
    if (!mapId.success || query.getAll('map').length !== 1) {
      throw new HttpError(400, 'invalid query', [{ path: 'map', message: 'one map id is required' }]);
    }
    const admission = await access.admit(req, mapId.data, tokenParam(query));
    if (!admission.ok) throw new HttpError(admission.status, admission.reason);
    sendJson(res, 200, { mapId: mapId.data, role: admission.role });
  };

  return [
    {
      method: 'GET',
      path: '/api/session',
      access: 'public',
      handle: async ({ req, res }) =>
        sendJson(res, 200, { mode: access.mode, passwordRequired: access.passwordRequired, signedIn: access.hasWorkspace(req) }),
    },
    { method: 'POST', path: '/api/session', access: 'public', handle: signIn },
    {
      method: 'DELETE',
      path: '/api/session',
      access: 'public',
      handle: async ({ res }) => noContent(res, { 'set-cookie': sessionCookie(null, access.secureCookies) }),
    },
    {
      method: 'POST',
      path: '/api/session/links',
      access: 'workspace',
      handle: async ({ req, res, address }) => {
        if (access.mode !== 'link')
          throw new HttpError(409, `this workspace signs in with ${access.mode === 'open' ? 'nothing' : 'a password'}, not links`);
        const link = await access.newSignInLink(access.linkBase(req));
        log.info('sign-in link created', { by: address });
        sendJson(res, 201, { link });
      },
    },
    { method: 'GET', path: '/api/access', access: 'public', handle: accessOf },
  ];
}
