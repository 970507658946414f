/** The store the configuration names (STORE). */
import type { Config } from '../config';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

export function openStore(config: Config): Store {
  switch (config.STORE) {
    case 'sqlite':
      return openSqliteStore(config.DATA_DIR);
  }
}
