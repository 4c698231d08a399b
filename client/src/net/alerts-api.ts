// The alert routes (issue 10): one alert with its history, and a person's actions on it —
// acknowledge, assign, resolve with a note, tick a playbook step. Each action's answer is the
// alert as changed; the server pushes the same to every console. A refusal keeps its status
// (403 for a role that may not, 409 for an alert no longer in a state for it) and the
// server's message, so the panel can say why.
import type { Alert, AlertWithHistory } from '@porttwin/contracts';
import { apiFetch } from './api';

export type AlertAnswer<T> = { ok: true; alert: T } | { ok: false; status: number; message: string };

async function answerOf<T>(request: Promise<Response>): Promise<AlertAnswer<T>> {
  try {
    const response = await request;
    const body = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return { ok: true, alert: body as T };
    const message = (body as { message?: unknown } | null)?.message;
    return { ok: false, status: response.status, message: typeof message === 'string' ? message : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: 0, message: error instanceof Error ? error.message : String(error) };
  }
}

function post(path: string, body?: object): Promise<AlertAnswer<Alert>> {
  const init: RequestInit = { method: 'POST' };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  return answerOf<Alert>(apiFetch(path, init));
}

/** GET /api/alerts/{id}: the alert with its history, oldest first. */
export function fetchAlert(id: number, signal?: AbortSignal): Promise<AlertAnswer<AlertWithHistory>> {
  return answerOf<AlertWithHistory>(apiFetch(`/api/alerts/${id}`, signal ? { signal } : {}));
}

export const acknowledgeAlert = (id: number) => post(`/api/alerts/${id}/ack`);
export const assignAlert = (id: number, assignee: string) => post(`/api/alerts/${id}/assign`, { assignee });
export const resolveAlert = (id: number, note: string) => post(`/api/alerts/${id}/resolve`, { note });
/** Ticks step `step` (from 1) of the alert's playbook. */
export const tickAlertStep = (id: number, step: number) => post(`/api/alerts/${id}/steps/${step}`);
