/**
 * Runs a command for a user gesture. When the map refuses it (writeChecks.ts:
 * nothing was written), the user is told why through the session notice,
 * instead of the gesture silently doing nothing or an error escaping from an
 * event handler. Any other error is a bug and is thrown on.
 */
import { InvalidWriteError, MapLimitError, WriteRefusedError } from '../model/writeChecks';
import { useSession } from './session';

/** The command's result, or undefined when the map refused it. */
export function tryCommand<T>(command: () => T): T | undefined {
  try {
    return command();
  } catch (err) {
    if (!(err instanceof WriteRefusedError)) throw err;
    const { showNotice } = useSession.getState();
    if (err instanceof MapLimitError) showNotice(`notices.mapLimit.${err.target}`, { limit: err.limit });
    else if (err instanceof InvalidWriteError) showNotice('notices.invalidWrite', { fields: err.fields.join(', ') });
    else showNotice('notices.invalidWrite', { fields: '' });
    return undefined;
  }
}
