/** Share tokens on their own: what is accepted, and everything that is not. */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_LENGTH, checkShareToken, readShareToken, shareTokenKey, signShareToken, type ShareClaims } from '../../../server/tokens';

const key = shareTokenKey(crypto.randomBytes(32));
const MAP = 'V1StGXR8_Z5jdHi6B-myT';
const OTHER = 'Uakgb_J5m9g-0JDMbcJqL';
const claims: ShareClaims = { m: MAP, r: 'viewer', v: 3 };

/** `text` with the character at `i` replaced by a different base64url character. */
function changeChar(text: string, i: number): string {
  const c = text[i]!;
  return text.slice(0, i) + (c === 'A' ? 'B' : 'A') + text.slice(i + 1);
}

/** A token whose payload is `json` (any text), correctly signed with `key`. */
function signedPayload(json: string): string {
  const payload = Buffer.from(json, 'utf8').toString('base64url');
  return `${payload}.${crypto.createHmac('sha256', key).update(payload).digest('base64url')}`;
}

describe('share tokens', () => {
  it('round-trips map, role and version, and grants the role on that map at that version', () => {
    for (const r of ['editor', 'commenter', 'viewer'] as const) {
      const token = signShareToken(key, { ...claims, r });
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect(token.length).toBeLessThan(200);
      expect(readShareToken(key, token)).toEqual({ ...claims, r });
      expect(checkShareToken(key, token, MAP, 3)).toEqual({ ok: true, role: r, version: 3 });
    }
  });

  it('refuses a token with any byte of its payload or its signature changed', () => {
    const token = signShareToken(key, claims);
    const dot = token.indexOf('.');
    for (let i = 0; i < token.length; i++) {
      if (i === dot) continue;
      expect(checkShareToken(key, changeChar(token, i), MAP, 3), `char ${i}`).toEqual({ ok: false, reason: 'invalid' });
    }
    // A payload re-encoded to grant more (editor) without the key.
    const [, sig] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...claims, r: 'editor' })).toString('base64url')}.${sig}`;
    expect(readShareToken(key, forged)).toBeNull();
  });

  it('refuses a token signed with another key (another server, or a changed secret)', () => {
    const otherKey = shareTokenKey(crypto.randomBytes(32));
    expect(checkShareToken(key, signShareToken(otherKey, claims), MAP, 3)).toEqual({ ok: false, reason: 'invalid' });
    // The key is derived from the secret, never the secret itself.
    const secret = crypto.randomBytes(32);
    expect(shareTokenKey(secret).equals(secret)).toBe(false);
  });

  it("refuses another map's token, and tells a revoked version from one that never was", () => {
    const token = signShareToken(key, claims);
    expect(checkShareToken(key, token, OTHER, 3)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkShareToken(key, token, MAP, 4)).toEqual({ ok: false, reason: 'revoked' });
    expect(checkShareToken(key, token, MAP, 2)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses garbage, empty, huge and non-canonical tokens without throwing', () => {
    const token = signShareToken(key, claims);
    const [payload, sig] = token.split('.') as [string, string];
    const bad: unknown[] = [
      '',
      '.',
      'abc',
      'abc.',
      '.abc',
      `${token}.x`,
      `${payload}.${sig}=`,
      `${payload}=.${sig}`,
      `${payload}.${sig.slice(0, -1)}`,
      `${payload}.${sig}AA`,
      `${payload}+.${sig}`,
      `${payload} .${sig}`,
      token.replace('.', '..'),
      `${payload}.${sig}`.padEnd(MAX_TOKEN_LENGTH + 1, 'A'),
      'A'.repeat(100_000),
      '\u0000'.repeat(10),
      '🙂.🙂',
      undefined,
      null,
      42,
      { m: MAP },
    ];
    for (const t of bad) expect(checkShareToken(key, t, MAP, 3), JSON.stringify(t)?.slice(0, 40)).toEqual({ ok: false, reason: 'invalid' });
    // Node decodes base64url leniently (ignoring trailing bits): only the canonical spelling passes.
    const last = sig[sig.length - 1]!;
    const sibling = String.fromCharCode(last.charCodeAt(0) + 1);
    if (/[A-Za-z0-9]/.test(sibling)) expect(readShareToken(key, `${payload}.${sig.slice(0, -1)}${sibling}`)).toBeNull();
  });

  it('refuses a correctly signed payload that is not the claims it must be', () => {
    for (const json of [
      'not json',
      '[]',
      'null',
      '{}',
      JSON.stringify({ m: MAP, r: 'owner', v: 1 }),
      JSON.stringify({ m: MAP, r: 'editor', v: 0 }),
      JSON.stringify({ m: MAP, r: 'editor', v: 1.5 }),
      JSON.stringify({ m: MAP, r: 'editor', v: '1' }),
      JSON.stringify({ m: 'bad id!', r: 'editor', v: 1 }),
      JSON.stringify({ m: MAP, r: 'editor', v: 1, admin: true }),
    ]) {
      expect(readShareToken(key, signedPayload(json)), json).toBeNull();
    }
    // ... and the same construction with valid claims passes, so the cases above fail for their content.
    expect(readShareToken(key, signedPayload(JSON.stringify({ m: MAP, r: 'editor', v: 1 })))).toEqual({ m: MAP, r: 'editor', v: 1 });
  });
});
