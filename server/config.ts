/**
 * Server configuration from the environment, validated with zod. Every
 * variable has a default, so `tsx server/index.ts` runs with none; an
 * invalid value stops the server with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS } from './log';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
/** `1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off` (any case); a boolean as it is (tests configure servers with one). */
const flag = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off'], { message: 'must be 1 or 0 (true/false, yes/no, on/off)' }))
    .transform((v) => ['1', 'true', 'yes', 'on'].includes(v)),
]);
/** A comma-separated list (blanks dropped); a list as it is (tests configure servers with one). */
const list = <T extends z.ZodType<string, string>>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : v,
    z.array(item),
  );

export const ConfigSchema = z
  .object({
    /** 0 picks a free port (tests) */
    PORT: int(8080, 0, 65535),
    HOST: z.string().min(1).default('0.0.0.0'),
    /** where journeyboard.sqlite lives */
    DATA_DIR: z.string().min(1).default('./data'),
    /** storage backend: sqlite (one process, DATA_DIR) or postgres (several nodes: DATABASE_URL and REDIS_URL) */
    STORE: z.enum(['sqlite', 'postgres']).default('sqlite'),
    /** PostgreSQL, the source of truth with STORE=postgres */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// URL' }).optional(),
    /** Redis, how the nodes tell each other what they stored, with STORE=postgres */
    REDIS_URL: z.url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL' }).optional(),
    /** prefix of every Redis key and channel (several installations can share one Redis) */
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
      .default('journeyboard'),
    /** this node's name in logs, metrics and Redis (default: host name, process id and a random part) */
    NODE_ID: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/)
      .optional(),
    /** largest websocket message; a bigger frame closes that socket with 1009 */
    MAX_MESSAGE_BYTES: int(2 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    /** sustained websocket messages per second per socket (token bucket rate) ... */
    MAX_MESSAGES_PER_SECOND: int(300, 1, 1_000_000),
    /** ... and the bucket size: how many may arrive at once (a reconnect with offline edits); default max(1000, 3 x rate) */
    MAX_MESSAGE_BURST: z.coerce.number().int().min(1).max(10_000_000).optional(),
    /** largest REST request body */
    MAX_BODY_BYTES: int(1024 * 1024, 1024, 64 * 1024 * 1024),
    /** largest map file POST /api/maps/import takes (a map may hold persona avatars of up to 200 KB each); 413 past it */
    MAX_IMPORT_BYTES: int(10 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    /** the Vite build (index.html + assets/) */
    STATIC_DIR: z.string().min(1).default('./dist'),
    /** the address people use (behind a proxy): printed, logged, and the base of share links */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** signs share links and session cookies; unset: a random one generated once into DATA_DIR/secret.key */
    JOURNEYBOARD_SECRET: z.string().min(32, 'must be at least 32 characters').max(4096).optional(),
    /** puts the workspace behind a password (a session cookie); unset: sign-in links (see JOURNEYBOARD_OPEN) */
    JOURNEYBOARD_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(1024).optional(),
    /** 1: the workspace is open to everyone who can reach the server (the default only when listening on loopback) */
    JOURNEYBOARD_OPEN: flag.optional(),
    /** host names people reach the server by, beyond IP addresses, localhost, this machine's name and PUBLIC_URL's (`.example.com`: the domain and all below it) */
    ALLOWED_HOSTS: list(z.string().regex(/^\.?[A-Za-z0-9.-]{1,253}$/, 'a host name, or .domain for every name under it')).default([]),
    /** reverse proxies whose X-Forwarded-For names the client (addresses, or `loopback`) */
    TRUST_PROXY: list(z.union([z.literal('loopback'), z.ipv4(), z.ipv6()], { message: 'an IP address, or loopback' })).default([]),
    /**
     * open connections (websockets included) one client address may hold; more are refused (HTTP 429, websocket
     * 1013). A workshop behind one NAT holds about four per person (two websockets, a couple of HTTP keep-alives).
     */
    MAX_CONNECTIONS_PER_ADDRESS: int(512, 1, 1_000_000),
    /** maps one client address may create (new, duplicate, import) per hour, all at once at most; more get 429 */
    MAX_MAPS_PER_HOUR: int(100, 1, 1_000_000),
    /** maps this server keeps in all; creating one more gets 507 */
    MAX_MAPS: int(10_000, 1, 100_000_000),
    /** ms between websocket pings; a socket that missed the previous pong is terminated */
    PING_INTERVAL_MS: int(30_000, 10, 3600_000),
    /** ms a room stays in memory after its last socket leaves */
    ROOM_IDLE_MS: int(30_000, 0, 24 * 3600_000),
    /** updates in a map's log before it is compacted into a snapshot */
    COMPACT_AFTER_UPDATES: int(500, 1, 1_000_000),
    /** named versions a map may keep; saving one more is refused (409) */
    MAX_VERSIONS_PER_MAP: int(100, 1, 100_000),
    /** ms of editing between automatic versions: at most one per interval, none while nobody edits */
    AUTO_VERSION_INTERVAL_MS: int(600_000, 10, 7 * 24 * 3600_000),
    /** automatic versions kept per map; older ones are deleted */
    AUTO_VERSIONS_KEPT: int(50, 1, 100_000),
    /** everything one map may store (document, comments, versions); a named version past it is refused (413) */
    MAX_MAP_STORAGE_BYTES: int(50 * 1024 * 1024, 1024, Number.MAX_SAFE_INTEGER),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  })
  .refine((c) => c.STORE !== 'postgres' || c.DATABASE_URL !== undefined, {
    path: ['DATABASE_URL'],
    message: 'STORE=postgres needs DATABASE_URL (e.g. postgres://user@host:5432/journeyboard)',
  })
  .refine((c) => c.STORE !== 'postgres' || c.REDIS_URL !== undefined, {
    path: ['REDIS_URL'],
    message: 'STORE=postgres needs REDIS_URL (e.g. redis://host:6379): it is how the nodes tell each other what they stored',
  })
  .refine((c) => !(c.JOURNEYBOARD_OPEN && c.JOURNEYBOARD_PASSWORD !== undefined), {
    path: ['JOURNEYBOARD_OPEN'],
    message: 'an open workspace has no password: unset JOURNEYBOARD_OPEN or JOURNEYBOARD_PASSWORD',
  })
  .transform((c) => ({ ...c, MAX_MESSAGE_BURST: c.MAX_MESSAGE_BURST ?? Math.max(1000, 3 * c.MAX_MESSAGES_PER_SECOND) }));

export type Config = z.infer<typeof ConfigSchema>;

/** Variables whose values never appear in an error message or a log line. */
const SECRET_VARIABLES = new Set(['JOURNEYBOARD_SECRET', 'JOURNEYBOARD_PASSWORD', 'DATABASE_URL', 'REDIS_URL']);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment (empty strings count as unset). Throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      const value = SECRET_VARIABLES.has(name) ? '<hidden>' : JSON.stringify(env[name] ?? '');
      return `  ${i.path.join('.')}=${value}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return { ...c, DATA_DIR: path.resolve(c.DATA_DIR), STATIC_DIR: path.resolve(c.STATIC_DIR) };
}
