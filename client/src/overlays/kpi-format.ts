// How the KPI panel writes its figures: whole numbers, shares as percent, waits as minutes
// and seconds; a missing figure is a dash, never a zero.
import type { KpiName } from '@porttwin/contracts';

const missing = (value: number | null | undefined): value is null | undefined =>
  value === null || value === undefined || !Number.isFinite(value);

export function wholeNumber(value: number | null | undefined): string {
  return missing(value) ? '–' : String(Math.round(value));
}

export function percent(share: number | null | undefined): string {
  return missing(share) ? '–' : `${Math.round(share * 100)}%`;
}

/** 45 s, 7:05 (minutes:seconds), 1:02:05 past an hour. */
export function duration(seconds: number | null | undefined): string {
  if (missing(seconds)) return '–';
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(total % 60)}` : `${m}:${pad(total % 60)}`;
}

/** A KPI's value in its own unit, as its name says. */
export function kpiValue(kpi: KpiName, value: number | null): string {
  if (kpi.endsWith('Sec')) return duration(value);
  if (kpi.endsWith('Utilisation')) return percent(value);
  return wholeNumber(value);
}
