// REST calls to the server: sign-in, and authorised fetches carrying the session's bearer token.
import { useAuthStore, type SessionUser } from '../store/auth';

export type LoginResult = { ok: true; token: string; user: SessionUser } | { ok: false; message: string; unreachable: boolean };

/** POSTs /api/auth/login; a 401 comes back as `{ ok: false, message }` rather than a throw. */
export async function login(username: string, password: string): Promise<LoginResult> {
  let response: Response;
  try {
    response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), unreachable: true };
  }
  const body = (await response.json().catch(() => null)) as { token?: unknown; user?: SessionUser; message?: unknown } | null;
  if (response.ok && typeof body?.token === 'string' && body.user !== undefined) {
    return { ok: true, token: body.token, user: body.user };
  }
  const message = typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`;
  return { ok: false, message, unreachable: response.status >= 500 };
}

/** fetch() with the session token; a 401 signs the user out so the login form shows again. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const token = useAuthStore.getState().token;
  const headers = new Headers(init.headers);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) useAuthStore.getState().signOut('expired');
  return response;
}
