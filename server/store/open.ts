/** The store the configuration names (STORE): SQLite in DATA_DIR, or PostgreSQL at DATABASE_URL. */
import type { Config } from '../config';
import type { Logger } from '../log';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

export async function openStore(config: Config, log?: Logger): Promise<Store> {
  switch (config.STORE) {
    case 'sqlite':
      return openSqliteStore(config.DATA_DIR, log ? { log } : {});
    case 'postgres':
      return openPostgresStore(config.DATABASE_URL!, log ? { log } : {});
  }
}
