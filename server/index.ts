/**
 * Entry point: `npm start` (after the build) or `tsx server/index.ts`.
 * Environment -> config -> server; SIGTERM/SIGINT store everything and close.
 */
import { createJourneyboardServer } from './app';
import { workspaceNotice } from './workspaceNotice';
import { loadConfig, type Config } from './config';
import { createLogger } from './log';

/** A shutdown that hangs (a stuck client, a locked disk) must not keep an orchestrator waiting forever. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
const log = createLogger(config.LOG_LEVEL);

// Last resort: a bug must leave a structured line behind, then exit (the
// store is write-through, so nothing acknowledged is lost).
process.on('uncaughtException', (err) => {
  log.error('uncaught exception', { err, stack: err.stack });
  process.exit(1);
});
process.on('unhandledRejection', (reason) => {
  log.error('unhandled rejection', { err: reason, stack: reason instanceof Error ? reason.stack : undefined });
  process.exit(1);
});

const server = await createJourneyboardServer(config, log).catch((err: unknown) => {
  log.error('server failed to start', { err, port: config.PORT, host: config.HOST, dataDir: config.DATA_DIR });
  process.exit(1);
});
const publicUrl = (config.PUBLIC_URL ?? server.url).replace(/\/+$/, '');
log.info('listening', {
  url: server.url,
  publicUrl,
  dataDir: config.DATA_DIR,
  staticDir: config.STATIC_DIR,
  workspace: server.access.mode,
});
if (config.LOG_LEVEL !== 'silent') {
  console.log(`Journeyboard running at ${publicUrl}`);
  for (const line of await workspaceNotice(server.access, publicUrl, log)) console.log(line);
}

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) {
    log.warn('second signal: exiting without waiting', { signal });
    process.exit(1);
  }
  stopping = true;
  log.info('shutting down', { signal });
  setTimeout(() => {
    log.error('shutdown timed out', { timeoutMs: SHUTDOWN_TIMEOUT_MS });
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  server.close().then(
    () => {
      log.info('stopped', { signal });
      process.exit(0);
    },
    (err: unknown) => {
      log.error('shutdown failed', { err });
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
