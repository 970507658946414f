/** The workspace password form, shown when the server asks for it. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { signIn } from './access';

export function SignIn({ onSignedIn }: { onSignedIn(): void }) {
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
          await signIn(password);
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
