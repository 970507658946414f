/**
 * `npm run signin-link`: prints a new one-time sign-in link to the
 * workspace, for a server running in sign-in-link mode (no
 * JOURNEYBOARD_PASSWORD, not open). Reads the same environment as the
 * server and writes the link's token into its store, so the running server
 * accepts it.
 */
import { Access } from './auth';
import { loadConfig } from './config';
import { HostCheck } from './hosts';
import { createLogger } from './log';
import { loadSecret } from './secret';
import { openStore } from './store/open';

const config = loadConfig();
const log = createLogger('warn');
const store = await openStore(config);
const hosts = new HostCheck({ publicUrl: config.PUBLIC_URL, allowedHosts: config.ALLOWED_HOSTS });
const access = new Access(config, store, loadSecret(config, log), hosts);
if (access.mode !== 'link') {
  console.error(
    access.mode === 'open'
      ? 'This workspace is open (JOURNEYBOARD_OPEN=1, or the server listens on loopback only): there is nothing to sign in to.'
      : 'This workspace signs in with its password (JOURNEYBOARD_PASSWORD), not with links.',
  );
  process.exit(1);
}
const base = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
console.log(await access.newSignInLink(base));
await store.close();
