/**
 * Structured logs: one JSON object a line, `{ ts, level, msg, ...fields }`
 * (fields flat, as pino and most log shippers expect), on stdout; errors on
 * stderr. Logging never throws: a log call sits in every error path.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type Level = (typeof LOG_LEVELS)[number];
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that puts `fields` on every line (e.g. which node of a cluster wrote it). */
  child(fields: LogFields): Logger;
}

/** Errors as data: name, message, and the `code` that ws and Node errors carry. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code !== undefined ? { code } : {}) };
  }
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  return value;
}

export function formatLine(level: Exclude<Level, 'silent'>, msg: string, fields: LogFields = {}): string {
  // ts, level and msg are always the logger's own, whatever the fields hold.
  const ts = new Date().toISOString();
  try {
    const record: LogFields = { ts, level, msg };
    for (const [key, value] of Object.entries(fields)) if (!(key in record)) record[key] = value;
    return JSON.stringify(record, replacer);
  } catch (err) {
    // e.g. a circular structure in fields: keep the message, say why the fields are missing
    return JSON.stringify({ ts, level, msg, logError: String(err) });
  }
}

export function createLogger(
  level: Level,
  write: (line: string, level: Exclude<Level, 'silent'>) => void = defaultWrite,
  base: LogFields = {},
): Logger {
  const emit =
    (l: Exclude<Level, 'silent'>) =>
    (msg: string, fields?: LogFields): void => {
      if (RANK[l] < RANK[level]) return;
      write(formatLine(l, msg, { ...base, ...fields }), l);
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}

function defaultWrite(line: string, level: Exclude<Level, 'silent'>): void {
  (level === 'error' ? process.stderr : process.stdout).write(line + '\n');
}
