/** Configuration from the environment, and the structured log lines. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';
import { createLogger, formatLine } from '../../../server/log';

describe('loadConfig', () => {
  it('has a default for everything', () => {
    expect(loadConfig({})).toEqual({
      PORT: 8080,
      HOST: '0.0.0.0',
      DATA_DIR: path.resolve('data'),
      STORE: 'sqlite',
      REDIS_PREFIX: 'journeyboard',
      MAX_MESSAGE_BYTES: 2 * 1024 * 1024,
      MAX_MESSAGES_PER_SECOND: 300,
      MAX_MESSAGE_BURST: 1000,
      MAX_BODY_BYTES: 1024 * 1024,
      STATIC_DIR: path.resolve('dist'),
      PING_INTERVAL_MS: 30_000,
      ROOM_IDLE_MS: 30_000,
      COMPACT_AFTER_UPDATES: 500,
      MAX_VERSIONS_PER_MAP: 100,
      AUTO_VERSION_INTERVAL_MS: 600_000,
      AUTO_VERSIONS_KEPT: 50,
      MAX_MAP_STORAGE_BYTES: 50 * 1024 * 1024,
      MAX_IMPORT_BYTES: 10 * 1024 * 1024,
      ALLOWED_HOSTS: [],
      TRUST_PROXY: [],
      MAX_CONNECTIONS_PER_ADDRESS: 512,
      MAX_MAPS_PER_HOUR: 100,
      MAX_MAPS: 10_000,
      LOG_LEVEL: 'info',
    });
  });

  it('STORE=postgres needs DATABASE_URL and REDIS_URL, named in the error, their values never shown', () => {
    expect(() => loadConfig({ STORE: 'postgres' })).toThrow(
      /DATABASE_URL.*STORE=postgres needs DATABASE_URL[\s\S]*REDIS_URL.*STORE=postgres needs REDIS_URL/,
    );
    expect(() => loadConfig({ STORE: 'postgres', DATABASE_URL: 'mysql://root:hunter2@db/x', REDIS_URL: 'redis://r' })).toThrow(
      /DATABASE_URL=<hidden>: must be a postgres:\/\/ URL/,
    );
    const c = loadConfig({
      STORE: 'postgres',
      DATABASE_URL: 'postgres://u:p@db:5432/jb',
      REDIS_URL: 'redis://cache:6379',
      NODE_ID: 'node-1',
    });
    expect([c.STORE, c.DATABASE_URL, c.REDIS_URL, c.NODE_ID]).toEqual([
      'postgres',
      'postgres://u:p@db:5432/jb',
      'redis://cache:6379',
      'node-1',
    ]);
  });

  it('reads and coerces variables; empty counts as unset', () => {
    const c = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      MAX_MESSAGES_PER_SECOND: '1000',
      DATA_DIR: '',
      PUBLIC_URL: 'https://journeys.example.com',
    });
    expect(c).toMatchObject({
      PORT: 0,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: path.resolve('data'),
      PUBLIC_URL: 'https://journeys.example.com',
    });
    // The burst follows a raised rate unless set.
    expect(c.MAX_MESSAGE_BURST).toBe(3000);
    expect(loadConfig({ MAX_MESSAGE_BURST: '50' }).MAX_MESSAGE_BURST).toBe(50);
  });

  it('names every invalid variable', () => {
    const attempt = () => loadConfig({ PORT: '70000', STORE: 'mongo', LOG_LEVEL: 'loud', PUBLIC_URL: 'ftp://x', MAX_MESSAGE_BYTES: '1.5' });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    for (const name of ['PORT', 'STORE', 'LOG_LEVEL', 'PUBLIC_URL', 'MAX_MESSAGE_BYTES']) expect(message).toContain(`${name}=`);
  });
});

describe('log', () => {
  it('writes one JSON object a line; fields cannot overwrite ts, level or msg', () => {
    const line = formatLine('warn', 'closing socket', {
      map: 'm1',
      code: 1007,
      msg: 'spoof',
      err: Object.assign(new Error('bad'), { code: 'E_X' }),
    });
    expect(line).not.toContain('\n');
    const record = JSON.parse(line) as Record<string, unknown>;
    expect(record).toMatchObject({
      level: 'warn',
      msg: 'closing socket',
      map: 'm1',
      code: 1007,
      err: { name: 'Error', message: 'bad', code: 'E_X' },
    });
    expect(Date.parse(record.ts as string)).not.toBeNaN();
  });

  it('never throws, and filters by level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    log.info('hidden');
    log.warn('circular', { circular });
    log.error('bigint', { n: 10n });
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['circular', 'bigint']);
    expect(JSON.parse(lines[0]!)).toHaveProperty('logError');
    const silent: string[] = [];
    createLogger('silent', (l) => silent.push(l)).error('nothing');
    expect(silent).toEqual([]);
  });
});
