/**
 * Server configuration from the environment, validated with zod. Every
 * variable has a default, so `tsx server/index.ts` runs with none; an
 * invalid value stops the server with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS } from './log';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

export const ConfigSchema = z
  .object({
    /** 0 picks a free port (tests) */
    PORT: int(8080, 0, 65535),
    HOST: z.string().min(1).default('0.0.0.0'),
    /** where journeyboard.sqlite lives */
    DATA_DIR: z.string().min(1).default('./data'),
    /** storage backend; 'postgres' joins this enum with scale-out */
    STORE: z.enum(['sqlite']).default('sqlite'),
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
    /** puts the dashboard and map creation behind a password (a session cookie); unset: open, as on a local server */
    JOURNEYBOARD_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(1024).optional(),
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
  .transform((c) => ({ ...c, MAX_MESSAGE_BURST: c.MAX_MESSAGE_BURST ?? Math.max(1000, 3 * c.MAX_MESSAGES_PER_SECOND) }));

export type Config = z.infer<typeof ConfigSchema>;

/** Variables whose values never appear in an error message or a log line. */
const SECRET_VARIABLES = new Set(['JOURNEYBOARD_SECRET', 'JOURNEYBOARD_PASSWORD']);

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
