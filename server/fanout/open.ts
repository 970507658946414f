/** The fan-out the configuration calls for: none for one process (SQLite), Redis between nodes (PostgreSQL). */
import os from 'node:os';
import crypto from 'node:crypto';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { ServerMetrics } from '../metrics';
import { LocalFanout } from './local';
import { RedisFanout } from './redis';
import type { Fanout } from './types';

/** This node's id: NODE_ID, else the host name, the process id and a random part (a restarted node is a new node). */
export const nodeIdOf = (config: Pick<Config, 'NODE_ID'>): string =>
  config.NODE_ID ?? `${os.hostname().split('.')[0]}-${process.pid}-${crypto.randomBytes(2).toString('hex')}`;

export async function openFanout(config: Config, nodeId: string, log: Logger, metrics?: ServerMetrics): Promise<Fanout> {
  if (config.STORE === 'sqlite') return new LocalFanout();
  return RedisFanout.open({ url: config.REDIS_URL!, prefix: config.REDIS_PREFIX, nodeId, log, ...(metrics ? { metrics } : {}) });
}
