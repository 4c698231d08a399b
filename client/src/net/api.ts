// REST calls to the server: signing in and out, the session a reloaded page still holds, a
// wall screen's kiosk token traded for a session, and authorised fetches. The session travels
// in its httpOnly cookie; a request that changes something also carries the CSRF token.
import { useAuthStore, type SessionUser, type SignedInSession } from '../store/auth';

export type LoginResult = { ok: true } | { ok: false; message: string; unreachable: boolean };

const CHANGES_NOTHING = new Set(['GET', 'HEAD', 'OPTIONS']);

interface SessionBody {
  user?: SessionUser;
  csrfToken?: string | null;
  kiosk?: boolean;
  message?: unknown;
}

function sessionFrom(body: SessionBody | null, kiosk: boolean): SignedInSession | null {
  if (!body?.user) return null;
  return { user: body.user, csrfToken: body.csrfToken ?? null, kiosk: body.kiosk ?? kiosk };
}

async function post(path: string, payload: object): Promise<{ response: Response; body: SessionBody | null } | { error: string }> {
  try {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    return { response, body: (await response.json().catch(() => null)) as SessionBody | null };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** POSTs /api/auth/login; the server sets the cookie. A 401 comes back as `{ ok: false, message }`. */
export async function login(username: string, password: string): Promise<LoginResult> {
  const answer = await post('/api/auth/login', { username, password });
  if ('error' in answer) return { ok: false, message: answer.error, unreachable: true };
  const session = answer.response.ok ? sessionFrom(answer.body, false) : null;
  if (session) {
    useAuthStore.getState().signIn(session);
    return { ok: true };
  }
  const message = typeof answer.body?.message === 'string' ? answer.body.message : `HTTP ${answer.response.status}`;
  return { ok: false, message, unreachable: answer.response.status >= 500 };
}

/**
 * At page load: trades a kiosk token from the URL for a session and takes the token out of the
 * address bar (and the history), or asks whether the cookie still holds a session.
 */
export async function startSession(kioskToken: string | null): Promise<void> {
  const auth = useAuthStore.getState();
  if (kioskToken !== null) {
    removeKioskTokenFromUrl();
    const answer = await post('/api/auth/kiosk-session', { token: kioskToken });
    const session = 'error' in answer || !answer.response.ok ? null : sessionFrom(answer.body, true);
    if (session) auth.signIn(session);
    else auth.signOut('kiosk-refused');
    return;
  }
  const response = await fetch('/api/auth/session').catch(() => null);
  const session = response?.ok ? sessionFrom((await response.json().catch(() => null)) as SessionBody | null, false) : null;
  if (session) auth.signIn(session);
  else auth.signOut(null);
}

/** Ends the session on the server (every socket of it closes), then here. */
export async function logout(): Promise<void> {
  await apiFetch('/api/auth/logout', { method: 'POST' }).catch(() => null);
  useAuthStore.getState().signOut(null);
}

/** fetch() in the session, with the CSRF token on changes; a 401 signs the user out so the login form shows again. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const csrfToken = useAuthStore.getState().csrfToken;
  if (!CHANGES_NOTHING.has((init.method ?? 'GET').toUpperCase()) && csrfToken !== null) headers.set('x-csrf-token', csrfToken);
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401) useAuthStore.getState().signOut('expired');
  return response;
}

/** The kiosk token must not stay in the address bar, a bookmark or the history: the page has its cookie now. */
function removeKioskTokenFromUrl(): void {
  const url = new URL(window.location.href);
  url.searchParams.delete('kiosk');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}
