/**
 * Share tokens: what a share link carries. `<payload>.<sig>`, where payload
 * is base64url(JSON { m: mapId, r: role, v: linkVersion }) and sig is
 * base64url(HMAC-SHA256(key, payload)). A token is good for one map, one
 * role, and the map's current link version: rotating a map's links bumps the
 * version, which revokes every token issued before.
 *
 * Everything here treats the token as hostile input: bounded length, strict
 * base64url, a constant-time signature check before the payload is even
 * parsed, and a zod schema for what it holds.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { RoleSchema, type Role } from '../src/model/roles';
import { IdSchema } from '../src/model/schema';
import { deriveKey } from './secret';

/** Longest token accepted; a real one is about 120 characters. */
export const MAX_TOKEN_LENGTH = 512;

const SIG_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const ClaimsSchema = z.strictObject({
  m: IdSchema,
  r: RoleSchema,
  v: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type ShareClaims = z.infer<typeof ClaimsSchema>;

/** The signing key for share tokens, derived from the server secret (never the secret itself). */
export const shareTokenKey = (secret: Buffer): Buffer => deriveKey(secret, 'share-token');

const sign = (key: Buffer, payload: string): Buffer => crypto.createHmac('sha256', key).update(payload).digest();

/** Decodes strict, canonical base64url (no padding, no stray bits); null for anything else. */
function fromBase64url(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  // Node ignores trailing bits that do not make a byte: only the canonical spelling is accepted.
  return bytes.toString('base64url') === text ? bytes : null;
}

export function signShareToken(key: Buffer, claims: ShareClaims): string {
  const payload = Buffer.from(JSON.stringify({ m: claims.m, r: claims.r, v: claims.v }), 'utf8').toString('base64url');
  return `${payload}.${sign(key, payload).toString('base64url')}`;
}

/** The claims of a token this server signed, or null. Does not check the map or the version: see checkShareToken. */
export function readShareToken(key: Buffer, token: unknown): ShareClaims | null {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const payload = token.slice(0, dot);
  const sig = fromBase64url(token.slice(dot + 1));
  if (!fromBase64url(payload) || !sig || sig.length !== SIG_BYTES) return null;
  // Equal lengths (checked above), so timingSafeEqual compares without leaking where they differ.
  if (!crypto.timingSafeEqual(sig, sign(key, payload))) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const claims = ClaimsSchema.safeParse(json);
  return claims.success ? claims.data : null;
}

export type TokenCheck =
  | { ok: true; role: Role; version: number }
  /** 'revoked': a genuine token of this map from before its links were rotated */
  | { ok: false; reason: 'invalid' | 'revoked' };

/** Whether `token` grants a role on `mapId`, whose links are at `linkVersion` now. */
export function checkShareToken(key: Buffer, token: unknown, mapId: string, linkVersion: number): TokenCheck {
  const claims = readShareToken(key, token);
  if (!claims || claims.m !== mapId) return { ok: false, reason: 'invalid' };
  if (claims.v < linkVersion) return { ok: false, reason: 'revoked' };
  if (claims.v !== linkVersion) return { ok: false, reason: 'invalid' };
  return { ok: true, role: claims.r, version: claims.v };
}
