/**
 * Signing in to the workspace, as the server asks for it: the password form,
 * or (sign-in-link mode) how to get a sign-in link.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { ApiError } from './api';
import { getSession, signIn, type WorkspaceMode } from './access';

function PasswordForm({ onSignedIn }: { onSignedIn(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="sign-in"
      data-testid="sign-in"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        try {
          await signIn({ password });
          onSignedIn();
        } catch (err) {
          const status = err instanceof ApiError ? err.status : 0;
          setError(status === 429 ? t('access.tooMany') : status === 401 ? t('access.wrongPassword') : String((err as Error).message));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h1>{t('access.signInTitle')}</h1>
      <p className="muted">{t('access.signInHint')}</p>
      <label htmlFor="workspace-password">{t('access.password')}</label>
      <input
        id="workspace-password"
        type="password"
        autoComplete="current-password"
        value={password}
        autoFocus
        onChange={(e) => setPassword(e.target.value)}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !password}>
        {t('access.signIn')}
      </button>
    </form>
  );
}

/** Sign-in-link mode: nothing to type here; a link from the server or from someone signed in does it. */
function SignInLinkNeeded() {
  const { t } = useTranslation();
  return (
    <section className="sign-in" data-testid="sign-in-link-needed">
      <h1>{t('access.signInTitle')}</h1>
      <p>{t('access.linkHint')}</p>
      <ul className="muted">
        <li>{t('access.linkFromServer')}</li>
        <li>{t('access.linkFromColleague')}</li>
        <li>{t('access.linkShare')}</li>
      </ul>
    </section>
  );
}

/** `mode`: the workspace's, when the caller knows it; else asked of the server. */
export function SignIn({ onSignedIn, mode: known }: { onSignedIn(): void; mode?: WorkspaceMode }) {
  const [mode, setMode] = useState<WorkspaceMode | null>(known ?? null);
  useEffect(() => {
    if (known) return setMode(known);
    let current = true;
    getSession().then(
      (s) => current && setMode(s.mode),
      () => current && setMode('password'),
    );
    return () => {
      current = false;
    };
  }, [known]);
  if (mode === null) return null;
  return mode === 'link' ? <SignInLinkNeeded /> : <PasswordForm onSignedIn={onSignedIn} />;
}
