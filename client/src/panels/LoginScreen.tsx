// The sign-in form; a successful sign-in sets the session cookie and the console opens.
import { useState, type FormEvent } from 'react';
import { login } from '../net/api';
import { useAuthStore } from '../store/auth';
import { useT } from '../i18n/use-language';
import { LanguageSwitcher } from './LanguageSwitcher';

export function LoginScreen() {
  const t = useT();
  const reason = useAuthStore((s) => s.signOutReason);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await login(username, password);
    setBusy(false);
    if (!result.ok)
      setError(result.unreachable ? `${t('login.unreachable')}: ${result.message}` : `${t('login.failed')}: ${result.message}`);
  }

  return (
    <main className="login">
      <form className="login__form" onSubmit={submit} data-testid="login-form">
        <h1>{t('app.title')}</h1>
        <p>{t('login.heading')}</p>
        {reason === 'expired' && <p className="login__notice">{t('login.expired')}</p>}
        {reason === 'kiosk-refused' && <p className="login__notice">{t('login.kioskRefused')}</p>}
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error !== null && (
          <p className="login__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <LanguageSwitcher />
      </form>
    </main>
  );
}
