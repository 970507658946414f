/**
 * The workspace session: what a browser holds after signing in (with
 * JOURNEYBOARD_PASSWORD, or through a one-time sign-in link). The cookie
 * `jb_session=<expiry>.<sig>` carries no state, only its expiry (Unix
 * seconds) signed with a key derived from the server secret and the way in
 * (the password, or sign-in links), so changing either signs everybody out.
 * Also: the constant-time password check and the sign-in attempt limit.
 */
import crypto from 'node:crypto';
import { deriveKey } from './secret';

export const SESSION_COOKIE = 'jb_session';
/** How long a sign-in lasts. */
export const SESSION_MAX_AGE_S = 30 * 24 * 3600;
/** A cookie header longer than this is not parsed (Node caps headers at 16 KiB anyway). */
const MAX_COOKIE_HEADER = 8192;
const SESSION_VALUE = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

const sha256 = (text: string): Buffer => crypto.createHash('sha256').update(text, 'utf8').digest();

/** The workspace password, compared in constant time whatever the lengths (both sides are hashed to 32 bytes first). */
export class Password {
  private readonly hash: Buffer;
  constructor(password: string) {
    this.hash = sha256(password);
  }
  matches(candidate: string): boolean {
    return crypto.timingSafeEqual(sha256(candidate), this.hash);
  }
}

export class Sessions {
  private readonly key: Buffer;

  constructor(
    secret: Buffer,
    /** the way in sessions are for: the password itself, or the name of another way (sign-in links) */
    scope: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = crypto.createHmac('sha256', deriveKey(secret, 'session')).update(sha256(scope)).digest();
  }

  private sig(expiry: string): Buffer {
    return crypto.createHmac('sha256', this.key).update(`session.${expiry}`).digest();
  }

  /** A fresh cookie value, good for SESSION_MAX_AGE_S. */
  issue(): string {
    const expiry = String(Math.floor(this.now() / 1000) + SESSION_MAX_AGE_S);
    return `${expiry}.${this.sig(expiry).toString('base64url')}`;
  }

  /** Whether a cookie value is one we issued and it has not expired. */
  isValid(value: string): boolean {
    const match = SESSION_VALUE.exec(value);
    if (!match) return false;
    const [, expiry, sig] = match as unknown as [string, string, string];
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== 32 || given.toString('base64url') !== sig) return false;
    if (!crypto.timingSafeEqual(given, this.sig(expiry))) return false;
    return Number(expiry) * 1000 > this.now();
  }

  /** Whether any `jb_session` cookie in a Cookie header is valid (a browser may send stale ones too). */
  isSignedIn(cookieHeader: string | undefined): boolean {
    return cookieValues(cookieHeader, SESSION_COOKIE).some((v) => this.isValid(v));
  }
}

/** Every value of cookie `name` in a Cookie header; never throws. */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (typeof header !== 'string' || header.length > MAX_COOKIE_HEADER) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    values.push(value);
  }
  return values;
}

/** The Set-Cookie header that signs a browser in (`value`) or out (null). */
export function sessionCookie(value: string | null, secure: boolean): string {
  const attributes = ['HttpOnly', 'SameSite=Lax', 'Path=/', `Max-Age=${value === null ? 0 : SESSION_MAX_AGE_S}`];
  if (secure) attributes.push('Secure');
  return [`${SESSION_COOKIE}=${value ?? ''}`, ...attributes].join('; ');
}

/**
 * Failed sign-ins per remote address in a sliding window. IPv6 addresses
 * count per /64 (one host usually has a whole /64 to rotate through).
 * Bounded memory: past `maxAddresses` the oldest entries are dropped.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 60_000,
    private readonly maxAddresses = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Seconds until `address` may try again; 0 if it may now. */
  retryAfter(address: string): number {
    const times = this.recent(addressKey(address));
    if (times.length < this.max) return 0;
    return Math.max(1, Math.ceil((times[times.length - this.max]! + this.windowMs - this.now()) / 1000));
  }

  fail(address: string): void {
    const key = addressKey(address);
    const times = this.recent(key);
    times.push(this.now());
    this.failures.delete(key); // re-inserted last: Map order is the eviction order
    this.failures.set(key, times);
    while (this.failures.size > this.maxAddresses) this.failures.delete(this.failures.keys().next().value!);
  }
}

/** IPv4 (also IPv4-mapped IPv6) as is; IPv6 by its /64 prefix. */
export function addressKey(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4) return v4[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return (
    groups
      .slice(0, 4)
      .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
      .join(':') + '::/64'
  );
}
