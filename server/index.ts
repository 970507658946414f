/** Entry point: `npm start` (after the build) or `tsx server/index.ts`. */
import { createJourneyboardServer } from './app';
import { loadConfig } from './config';
import { createLogger } from './log';

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const log = createLogger(config.LOG_LEVEL);
const server = await createJourneyboardServer(config, log);
log.info('listening', { url: server.url, dataDir: config.DATA_DIR });
if (config.LOG_LEVEL !== 'silent') console.log(`Journeyboard running at ${server.url}`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  server
    .close()
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      log.error('shutdown failed', { err });
      process.exit(1);
    });
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
