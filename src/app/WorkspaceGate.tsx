/** The dashboard is the workspace's: behind the password when the server has one. */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getSession, signOut } from './access';
import { SignIn } from './SignIn';

type GateState = 'checking' | 'open' | 'signed-in' | 'sign-in';

export function WorkspaceGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<GateState>('checking');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    getSession().then(
      (s) => current && setState(!s.passwordRequired ? 'open' : s.signedIn ? 'signed-in' : 'sign-in'),
      // Server unreachable: show the dashboard, which says it cannot load the maps.
      () => current && setState('open'),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  if (state === 'checking') return null;
  if (state === 'sign-in') return <SignIn onSignedIn={() => setAttempt((n) => n + 1)} />;
  return (
    <>
      {children}
      {state === 'signed-in' && (
        <button
          type="button"
          className="sign-out"
          onClick={async () => {
            await signOut();
            setAttempt((n) => n + 1);
          }}
        >
          {t('access.signOut')}
        </button>
      )}
    </>
  );
}
