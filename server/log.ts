/** Structured logs: one JSON object a line, on stdout (errors on stderr). */
export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: Level): Logger {
  const emit =
    (l: Exclude<Level, 'silent'>) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (RANK[l] < RANK[level]) return;
      const line = JSON.stringify({ ts: new Date().toISOString(), level: l, msg, ...fields }, (_k, v: unknown) =>
        v instanceof Error ? { name: v.name, message: v.message } : v,
      );
      (l === 'error' ? process.stderr : process.stdout).write(line + '\n');
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
