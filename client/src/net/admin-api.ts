// The admin's REST calls: users (list, create, change role, delete), kiosk tokens (list, issue,
// revoke) and the recent audit log.
import type { AuditEntry, KioskTokenSummary, UserRole, UserSummary } from '@porttwin/contracts';
import { apiFetch } from './api';

/** What a refused call said (the server's `message`), or the HTTP status when it said nothing. */
export class AdminApiError extends Error {}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await apiFetch(path, init.body ? { ...init, headers: { 'content-type': 'application/json' } } : init);
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  if (!response.ok) throw new AdminApiError(typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`);
  return body as T;
}

export const listUsers = () => call<UserSummary[]>('/api/users');

export const createUser = (user: { username: string; password: string; role: UserRole }) =>
  call<UserSummary>('/api/users', { method: 'POST', body: JSON.stringify(user) });

export const changeRole = (username: string, role: UserRole) =>
  call<UserSummary>(`/api/users/${encodeURIComponent(username)}`, { method: 'PATCH', body: JSON.stringify({ role }) });

export const deleteUser = (username: string) => call<void>(`/api/users/${encodeURIComponent(username)}`, { method: 'DELETE' });

/** The last day's audit lines, newest first, at most `limit`. */
export const recentAudit = (limit = 200) => call<AuditEntry[]>(`/api/audit?from=${Date.now() - 24 * 3_600_000}&limit=${limit}`);

export const listKioskTokens = () => call<KioskTokenSummary[]>('/api/auth/kiosk-tokens');

/** Issues a wall screen's token; its text comes back this once. */
export const issueKioskToken = (name: string) =>
  call<{ id: string; token: string; expiresAt: number }>('/api/auth/kiosk-tokens', { method: 'POST', body: JSON.stringify({ name }) });

export const revokeKioskToken = (id: string) =>
  call<KioskTokenSummary>(`/api/auth/kiosk-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
