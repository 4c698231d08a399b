// The admin's panel on the laptop layout: users (create, change role, delete), wall screens'
// kiosk tokens (KioskTokensSection) and the last day's audit log. The server decides (admin only); this only shows what it allows.
import type { AuditEntry, KioskTokenSummary, UserRole, UserSummary } from '@porttwin/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { formatClock } from '../format-time';
import { useT } from '../i18n/use-language';
import { changeRole, createUser, deleteUser, listKioskTokens, listUsers, recentAudit } from '../net/admin-api';
import { KioskTokensSection } from './KioskTokensSection';

const USER_ROLES: UserRole[] = ['viewer', 'operator', 'supervisor', 'engineer', 'admin'];

export function AdminPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [kioskTokens, setKioskTokens] = useState<KioskTokenSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ username: string; password: string; role: UserRole }>({
    username: '',
    password: '',
    role: 'viewer',
  });

  const reload = useCallback(async () => {
    const [nextUsers, nextTokens, nextAudit] = await Promise.all([listUsers(), listKioskTokens(), recentAudit()]);
    setUsers(nextUsers);
    setKioskTokens(nextTokens);
    setAudit(nextAudit);
  }, []);

  /** Runs a change, then shows the server's answer: the new lists, or why it refused. */
  const attempt = useCallback(
    async (change: () => Promise<unknown>) => {
      setError(null);
      try {
        await change();
        await reload();
        return true;
      } catch (refusal) {
        setError(refusal instanceof Error ? refusal.message : String(refusal));
        return false;
      }
    },
    [reload],
  );

  useEffect(() => {
    void attempt(async () => {});
  }, [attempt]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await attempt(() => createUser(draft))) setDraft({ username: '', password: '', role: 'viewer' });
  }

  return (
    <aside className="admin" data-testid="admin-panel" aria-label={t('admin.heading')}>
      <header className="admin__header">
        <h2>{t('admin.heading')}</h2>
        <button type="button" onClick={onClose}>
          {t('admin.close')}
        </button>
      </header>
      {error !== null && (
        <p className="admin__error" role="alert">
          {error}
        </p>
      )}
      <h3>{t('admin.users')}</h3>
      <table className="admin__table">
        <tbody>
          {users.map((user) => (
            <tr key={user.username}>
              <td>{user.username}</td>
              <td>
                <select
                  aria-label={t('admin.role')}
                  value={user.role}
                  onChange={(e) => void attempt(() => changeRole(user.username, e.target.value as UserRole))}
                >
                  {USER_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`role.${role}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button type="button" onClick={() => void attempt(() => deleteUser(user.username))}>
                  {t('admin.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin__form" onSubmit={submit} data-testid="user-form">
        <input
          aria-label={t('login.username')}
          placeholder={t('login.username')}
          value={draft.username}
          onChange={(e) => setDraft({ ...draft, username: e.target.value })}
          required
        />
        <input
          aria-label={t('login.password')}
          placeholder={t('admin.passwordRule')}
          type="password"
          autoComplete="new-password"
          value={draft.password}
          onChange={(e) => setDraft({ ...draft, password: e.target.value })}
          required
        />
        <select aria-label={t('admin.role')} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as UserRole })}>
          {USER_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t('admin.create')}</button>
      </form>
      <KioskTokensSection tokens={kioskTokens} attempt={attempt} />
      <h3>{t('admin.audit')}</h3>
      <table className="admin__table admin__audit">
        <tbody>
          {audit.map((line) => (
            <tr key={line.id}>
              <td>{formatClock(line.at)}</td>
              <td>{line.username}</td>
              <td>{line.action}</td>
              <td>{line.subject ?? ''}</td>
              <td>{typeof line.detail.address === 'string' ? line.detail.address : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
