// The top bar: site name, clock, the connection badge and, on a laptop, language, the admin's
// panel (admins only) and sign-out.
import { logout } from '../net/api';
import { useAuthStore } from '../store/auth';
import { useClockStore } from '../store/clock';
import { useSiteStore } from '../store/site';
import { formatClock } from '../format-time';
import { useT } from '../i18n/use-language';
import type { Layout } from '../url-options';
import { ConnectionBadge } from './ConnectionBadge';
import { LanguageSwitcher } from './LanguageSwitcher';

function Clock() {
  const now = useClockStore((s) => s.now);
  return <time className="topbar__clock">{formatClock(now)}</time>;
}

/** `onAdmin` opens the admin's panel; its button shows to admins on a laptop only. */
export function TopBar({ mode, onAdmin }: { mode: Layout; onAdmin?: () => void }) {
  const siteName = useSiteStore((s) => s.layout?.name ?? null);
  const user = useAuthStore((s) => s.user);
  const kiosk = useAuthStore((s) => s.kiosk);
  const t = useT();
  return (
    <header className="topbar">
      <span className="topbar__brand">{t('app.title')}</span>
      <span className="topbar__site">{siteName ?? t('topbar.waitingForSite')}</span>
      <Clock />
      <ConnectionBadge />
      {mode === 'laptop' && (
        <div className="topbar__controls">
          <LanguageSwitcher />
          {!kiosk && user?.role === 'admin' && onAdmin && (
            <button type="button" className="topbar__signout" onClick={onAdmin} data-testid="admin-open">
              {t('admin.open')}
            </button>
          )}
          {!kiosk && (
            <button type="button" className="topbar__signout" onClick={() => void logout()} title={user?.username} data-testid="sign-out">
              {user ? `${user.username} · ` : ''}
              {t('topbar.signOut')}
            </button>
          )}
        </div>
      )}
    </header>
  );
}
