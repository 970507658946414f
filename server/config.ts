/** Server configuration from the environment, validated with zod. */
import path from 'node:path';
import { z } from 'zod';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

export const ConfigSchema = z.object({
  PORT: int(8080, 0, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  STORE: z.enum(['sqlite']).default('sqlite'),
  MAX_MESSAGE_BYTES: int(2 * 1024 * 1024, 1024, 256 * 1024 * 1024),
  MAX_MESSAGES_PER_SECOND: int(300, 1, 100_000),
  MAX_BODY_BYTES: int(1024 * 1024, 1024, 64 * 1024 * 1024),
  STATIC_DIR: z.string().min(1).default('./dist'),
  /** ms a room stays in memory after its last socket leaves */
  ROOM_IDLE_MS: int(30_000, 0, 24 * 3600_000),
  /** updates in the log before it is compacted into a snapshot */
  COMPACT_AFTER_UPDATES: int(500, 1, 1_000_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return { ...c, DATA_DIR: path.resolve(c.DATA_DIR), STATIC_DIR: path.resolve(c.STATIC_DIR) };
}
