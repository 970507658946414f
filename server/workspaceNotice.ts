/**
 * What the console says about the workspace when the server starts: in the
 * default sign-in-link mode, a one-time sign-in link (as Jupyter prints its
 * token) and what changed for installations that used to be open; in open
 * mode, that anyone who can reach the server can edit every map.
 */
import type { Access } from './auth';
import type { Logger } from './log';

export async function workspaceNotice(access: Access, publicUrl: string, log: Logger): Promise<string[]> {
  switch (access.mode) {
    case 'link': {
      // Logged without the link: log lines are shipped and kept; the console line is for whoever started the server.
      log.warn('workspace: sign-in required', {
        how: 'open the sign-in link printed on the console, or run `npm run signin-link`; share links work as before',
        keepOpen: 'set JOURNEYBOARD_OPEN=1 to keep the workspace open to everyone who can reach it, as before this version',
      });
      const link = await access.newSignInLink(publicUrl);
      return [
        'The workspace (dashboard, every map) needs a sign-in. Open this one-time link to sign this browser in:',
        `  ${link}`,
        'More links: `npm run signin-link`, or "Sign in another browser" on the dashboard. Share links of maps need no sign-in.',
        'Before this version a server without JOURNEYBOARD_PASSWORD was open to everyone; JOURNEYBOARD_OPEN=1 keeps it that way.',
      ];
    }
    case 'open':
      log.info('workspace: open', { why: 'JOURNEYBOARD_OPEN=1 or listening on loopback only' });
      return ['The workspace is open: anyone who can reach this address can open and edit every map.'];
    case 'password':
      return ['The workspace needs the password (JOURNEYBOARD_PASSWORD).'];
  }
}
