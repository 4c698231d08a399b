// GET /api/journeys for the journey table: recent journeys, or one truck's by plate. A look-up
// by plate is refused (403) to roles that see plates masked; that comes back as its own answer
// so the table can say why in the reader's language.
import type { Journey, JourneyOutcome } from '@porttwin/contracts';
import { apiFetch } from './api';

export interface JourneyQuery {
  from: number;
  to: number;
  limit: number;
  plate?: string;
  lane?: string;
  outcome?: JourneyOutcome;
}

export type JourneysAnswer = { kind: 'journeys'; journeys: Journey[] } | { kind: 'refused' } | { kind: 'failed'; message: string };

export async function fetchJourneys(query: JourneyQuery, signal?: AbortSignal): Promise<JourneysAnswer> {
  // Newest first, so a busy period past the limit loses its oldest journeys, not the latest.
  const params = new URLSearchParams({ from: String(query.from), to: String(query.to), limit: String(query.limit), order: 'newest' });
  if (query.plate !== undefined) params.set('plate', query.plate);
  if (query.lane !== undefined) params.set('lane', query.lane);
  if (query.outcome !== undefined) params.set('outcome', query.outcome);
  try {
    const response = await apiFetch(`/api/journeys?${params}`, signal ? { signal } : {});
    const body = (await response.json().catch(() => null)) as unknown;
    if (response.status === 403) return { kind: 'refused' };
    if (!response.ok) {
      const message = (body as { message?: unknown } | null)?.message;
      return { kind: 'failed', message: typeof message === 'string' ? message : `HTTP ${response.status}` };
    }
    return { kind: 'journeys', journeys: body as Journey[] };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
