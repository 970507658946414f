/**
 * A page opened through a one-time sign-in link (`…/#signin=<token>`): the
 * token is taken out of the address at once (it must not stay in the
 * history or be copied along with the address), redeemed, and the page goes
 * on signed in. The token travels in the fragment, so it never reaches a
 * server log or proxy on the way.
 */
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { signIn } from './access';

const PREFIX = '#signin=';

/** The sign-in token in the page's address, removed from it. */
function takeSignInToken(): string | null {
  if (!window.location.hash.startsWith(PREFIX)) return null;
  const token = window.location.hash.slice(PREFIX.length);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token || null;
}

type LinkState = 'none' | 'signing-in' | 'failed';

/**
 * `key` changes once the link is redeemed, so the page below it (the
 * workspace gate, the map) mounts again and asks the server afresh.
 */
export function SignInLinkGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<LinkState>(() => (window.location.hash.startsWith(PREFIX) ? 'signing-in' : 'none'));
  const [signedIn, setSignedIn] = useState(0);
  useEffect(() => {
    // The link may also be pasted into the address bar of a page already open: a hash change, not a load.
    const redeem = () => {
      const token = takeSignInToken();
      if (!token) return;
      setState('signing-in');
      signIn({ signInToken: token }).then(
        () => {
          setState('none');
          setSignedIn((n) => n + 1);
        },
        () => setState('failed'),
      );
    };
    redeem();
    window.addEventListener('hashchange', redeem);
    return () => window.removeEventListener('hashchange', redeem);
  }, []);
  if (state === 'signing-in') return <p className="muted centered">{t('access.signingIn')}</p>;
  return (
    <Fragment key={signedIn}>
      {state === 'failed' && (
        <p className="error centered" role="alert" data-testid="sign-in-link-failed">
          {t('access.linkFailed')}
        </p>
      )}
      {children}
    </Fragment>
  );
}
