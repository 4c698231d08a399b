// The admin panel's wall screens: kiosk tokens issued (name, by whom, until when, revoked),
// a form to issue one, whose wall URL is shown this once, and a revoke button for each that
// still holds. Revoking refuses the token at once and drops the screens showing it.
import type { KioskTokenSummary } from '@porttwin/contracts';
import { type FormEvent, useState } from 'react';
import { formatDay } from '../format-time';
import { useT } from '../i18n/use-language';
import { issueKioskToken, revokeKioskToken } from '../net/admin-api';

/** What a wall screen opens: the wall layout, signed in by the token (which the page then trades for a cookie). */
function wallUrl(token: string): string {
  return `${window.location.origin}/?layout=wall&kiosk=${encodeURIComponent(token)}`;
}

export function KioskTokensSection({
  tokens,
  attempt,
}: {
  tokens: KioskTokenSummary[];
  /** Runs a change and reloads the panel; false when the server refused it (the panel shows why). */
  attempt: (change: () => Promise<unknown>) => Promise<boolean>;
}) {
  const t = useT();
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<{ name: string; url: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    let url = '';
    if (await attempt(async () => (url = wallUrl((await issueKioskToken(name)).token)))) {
      setIssued({ name, url });
      setName('');
    }
  }

  return (
    <section data-testid="kiosk-tokens">
      <h3>{t('admin.kioskTokens')}</h3>
      <table className="admin__table">
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} data-revoked={token.revokedAt !== null}>
              <td>{token.name}</td>
              <td>{token.issuedBy}</td>
              <td>
                {token.revokedAt !== null
                  ? `${t('admin.revokedOn')} ${formatDay(token.revokedAt)}`
                  : `${t('admin.validUntil')} ${formatDay(token.expiresAt)}`}
              </td>
              <td>
                {token.revokedAt === null && (
                  <button type="button" onClick={() => void attempt(() => revokeKioskToken(token.id))}>
                    {t('admin.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin__form" onSubmit={submit} data-testid="kiosk-token-form">
        <input
          aria-label={t('admin.screenName')}
          placeholder={t('admin.screenName')}
          value={name}
          pattern="[A-Za-z0-9_\-]{1,32}"
          onChange={(e) => setName(e.target.value)}
          required
        />
        <button type="submit">{t('admin.issueKioskToken')}</button>
      </form>
      {issued !== null && (
        <p className="admin__issued" data-testid="kiosk-url">
          {t('admin.kioskUrlOnce')} ({issued.name}):
          <input readOnly value={issued.url} onFocus={(e) => e.target.select()} />
        </p>
      )}
    </section>
  );
}
