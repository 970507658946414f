/**
 * The dashboard is the workspace's: behind a sign-in unless the workspace is
 * open. Signed in, the page offers to sign out and, in sign-in-link mode, to
 * make a one-time link that signs another browser in.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { Modal } from '../ui/Modal';
import { getSession, newSignInLink, signOut, type WorkspaceMode } from './access';
import { CopyableLink } from './CopyableLink';
import { SignIn } from './SignIn';

type GateState =
  { kind: 'checking' } | { kind: 'open' } | { kind: 'signed-in'; mode: WorkspaceMode } | { kind: 'sign-in'; mode: WorkspaceMode };

function SignInAnotherBrowser() {
  const { t } = useTranslation();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const make = async () => {
    setOpen(true);
    setLink(null);
    setError(null);
    try {
      setLink(await newSignInLink());
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <>
      <button type="button" data-testid="sign-in-another" onClick={() => void make()}>
        {t('access.inviteButton')}
      </button>
      {open && (
        <Modal title={t('access.inviteTitle')} className="share" testId="sign-in-link-dialog" onClose={() => setOpen(false)}>
          <p className="muted">{t('access.inviteHint')}</p>
          {link && <CopyableLink id="sign-in-link" url={link} testId="sign-in-link" />}
          {!link && !error && <p className="muted">{t('map.loading')}</p>}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </Modal>
      )}
    </>
  );
}

export function WorkspaceGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<GateState>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    getSession().then(
      (s) => current && setState(s.mode === 'open' ? { kind: 'open' } : { kind: s.signedIn ? 'signed-in' : 'sign-in', mode: s.mode }),
      // Server unreachable: show the dashboard, which says it cannot load the maps.
      () => current && setState({ kind: 'open' }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  if (state.kind === 'checking') return null;
  if (state.kind === 'sign-in') return <SignIn mode={state.mode} onSignedIn={() => setAttempt((n) => n + 1)} />;
  return (
    <>
      {children}
      {state.kind === 'signed-in' && (
        <div className="workspace-actions">
          {state.mode === 'link' && <SignInAnotherBrowser />}
          <button
            type="button"
            onClick={async () => {
              await signOut();
              setAttempt((n) => n + 1);
            }}
          >
            {t('access.signOut')}
          </button>
        </div>
      )}
    </>
  );
}
