// The laptop's "Journeys" tab: trucks' recent journeys (GET /api/journeys, the last 2 h, newest
// first, fetched again every minute while the tab is open), filtered by outcome and lane, or one
// truck's journeys of the last day found by its exact plate. A row opens the journey's stages.
// A look-up by plate is audited on the server and refused to roles that see plates masked; the
// table says so in the reader's language. A plate look-up is not repeated on a timer: each one
// is an audit line.
import { JOURNEY_OUTCOMES, type Journey, type JourneyOutcome, type Role } from '@porttwin/contracts';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { formatClock } from '../format-time';
import type { MessageKey } from '../i18n/strings';
import { useT, type Translate } from '../i18n/use-language';
import { fetchJourneys, type JourneysAnswer } from '../net/journeys-api';
import { duration } from '../overlays/kpi-format';
import { useAuthStore } from '../store/auth';
import { serverNow } from '../store/connection';
import { useSiteStore } from '../store/site';
import { journeyDwells, slowestDwell } from './journey-dwells';
import { STAGE_LABELS } from '../overlays/clearance-format';
import { OUTCOME_NAMES } from './journey-names';
import { JourneyTimeline } from './JourneyTimeline';

const HOUR_MS = 3_600_000;
/** The recent table looks this far back… */
const RECENT_HOURS = 2;
/** …and a plate look-up this far: a truck's visits of the day. */
const PLATE_HOURS = 24;
/** Rows asked for (the route allows up to 100 000); the default site makes about 450 journeys an hour. */
const ROWS_ASKED = 5_000;
/** Rows drawn: the newest. */
const ROWS_SHOWN = 200;
const REFRESH_MS = 60_000;
/** The route's bound on `plate`, in characters. */
const PLATE_MAX_CHARS = 32;

type Search = { kind: 'recent' } | { kind: 'plate'; plate: string };

interface Loaded {
  search: Search;
  answer: JourneysAnswer;
  at: number;
}

const keyOf = (journey: Journey) => `${journey.plate}@${journey.stages.arrived ?? 0}`;

/** Why a typed plate is not sent, or null when it may be. Empty input never gets here (the button is off). */
function plateProblem(plate: string): MessageKey | null {
  if ([...plate].length > PLATE_MAX_CHARS) return 'journeys.plateTooLong';
  if (plate.includes('*')) return 'journeys.plateMasked';
  return null;
}

function Inspection({ journey, t }: { journey: Journey; t: Translate }) {
  if (!journey.inspected) return <>–</>;
  const verdict =
    journey.verdict === null ? t('journeys.inspecting') : t(journey.verdict === 'clear' ? 'journeys.clear' : 'journeys.suspect');
  return <span className={journey.verdict === 'suspect' ? 'journeys__suspect' : undefined}>{verdict}</span>;
}

function JourneyRows({ journey, open, onToggle, t }: { journey: Journey; open: boolean; onToggle: () => void; t: Translate }) {
  const dwells = useMemo(() => journeyDwells(journey), [journey]);
  const slowest = slowestDwell(dwells);
  return (
    <>
      <tr
        className={`journeys__row${open ? ' journeys__row--open' : ''}`}
        data-plate={journey.plate}
        data-arrived={journey.stages.arrived ?? ''}
        data-outcome={journey.outcome}
        aria-expanded={open}
        tabIndex={0}
        onClick={onToggle}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onToggle();
          }
        }}
      >
        <th scope="row" className="journeys__plate">
          {journey.plate}
        </th>
        <td>{journey.inLane}</td>
        <td>{journey.stages.arrived === null ? '–' : formatClock(journey.stages.arrived)}</td>
        <td className={`journeys__outcome journeys__outcome--${journey.outcome.replace(' ', '-')}`}>{t(OUTCOME_NAMES[journey.outcome])}</td>
        <td>
          <Inspection journey={journey} t={t} />
        </td>
        <td className="journeys__num">{duration(journey.turnSec)}</td>
        <td className="journeys__slowest">{slowest === null ? '–' : `${t(STAGE_LABELS[slowest.stage])} ${duration(slowest.sec)}`}</td>
      </tr>
      {open && (
        <tr className="journeys__detail">
          <td colSpan={7}>
            <JourneyTimeline journey={journey} dwells={dwells} t={t} />
          </td>
        </tr>
      )}
    </>
  );
}

const ROLE_NAMES: Record<Role, MessageKey> = {
  viewer: 'role.viewer',
  operator: 'role.operator',
  supervisor: 'role.supervisor',
  engineer: 'role.engineer',
  admin: 'role.admin',
  kiosk: 'journeys.kioskRole',
};

function Status({ loaded, loading, role, t }: { loaded: Loaded | null; loading: boolean; role: Role | undefined; t: Translate }) {
  if (loaded === null) return <p className="journeys__status">{t('journeys.loading')}</p>;
  const { answer, search, at } = loaded;
  if (answer.kind === 'refused') {
    return (
      <p className="journeys__status journeys__status--refused" role="alert" data-testid="journeys-refused">
        {t('journeys.plateRefused', { role: t(ROLE_NAMES[role ?? 'viewer']) })}
      </p>
    );
  }
  if (answer.kind === 'failed') {
    return (
      <p className="journeys__status journeys__status--refused" role="alert">
        {t('journeys.failed', { reason: answer.message })}
      </p>
    );
  }
  const count = answer.journeys.length;
  const text =
    search.kind === 'plate'
      ? t(count === 0 ? 'journeys.plateNone' : count === 1 ? 'journeys.plateFoundOne' : 'journeys.plateFound', {
          plate: search.plate,
          count,
          hours: PLATE_HOURS,
        })
      : t(count > ROWS_SHOWN ? 'journeys.recentNewest' : count === 1 ? 'journeys.recentOne' : 'journeys.recent', {
          count,
          shown: ROWS_SHOWN,
          hours: RECENT_HOURS,
        });
  return (
    <p className="journeys__status" data-testid="journeys-status" data-count={count}>
      {text}
      {count >= ROWS_ASKED && <> · {t('journeys.capped', { rows: ROWS_ASKED })}</>}
      <span className="journeys__updated">{loading ? t('journeys.loading') : t('journeys.updated', { time: formatClock(at) })}</span>
    </p>
  );
}

export function JourneysPanel() {
  const t = useT();
  const layout = useSiteStore((s) => s.layout);
  const role = useAuthStore((s) => s.user?.role);
  const [search, setSearch] = useState<Search>({ kind: 'recent' });
  const [outcome, setOutcome] = useState<JourneyOutcome | ''>('');
  const [lane, setLane] = useState('');
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(true);
  const [expanded, setExpanded] = useState<string | null>(null);

  const lanes = useMemo(
    () =>
      (layout?.assets ?? [])
        .filter((asset) => asset.kind === 'gate')
        .map((asset) => asset.id)
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
    [layout],
  );

  useEffect(() => {
    let request: AbortController | null = null;
    const load = async () => {
      request?.abort();
      const current = new AbortController();
      request = current;
      setLoading(true);
      // The server's clock, so a laptop set wrong still asks for the last hours.
      const to = serverNow();
      const hours = search.kind === 'plate' ? PLATE_HOURS : RECENT_HOURS;
      try {
        const answer = await fetchJourneys(
          {
            from: to - hours * HOUR_MS,
            to,
            limit: ROWS_ASKED,
            ...(search.kind === 'plate' ? { plate: search.plate } : {}),
            ...(lane === '' ? {} : { lane }),
            ...(outcome === '' ? {} : { outcome }),
          },
          current.signal,
        );
        setLoaded({ search, answer, at: to });
        setLoading(false);
      } catch {
        // Aborted: a newer request or the tab closing took its place.
      }
    };
    void load();
    const timer = search.kind === 'recent' ? window.setInterval(() => void load(), REFRESH_MS) : null;
    return () => {
      request?.abort();
      if (timer !== null) window.clearInterval(timer);
    };
  }, [search, outcome, lane]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const plate = draft.trim();
    if (plate === '') return;
    const why = plateProblem(plate);
    setProblem(why);
    if (why !== null) return;
    setExpanded(null);
    setSearch({ kind: 'plate', plate });
  }

  function backToRecent() {
    setDraft('');
    setProblem(null);
    setExpanded(null);
    setSearch({ kind: 'recent' });
  }

  const rows = useMemo(() => {
    if (loaded?.answer.kind !== 'journeys') return [];
    return [...loaded.answer.journeys].sort((a, b) => (b.stages.arrived ?? 0) - (a.stages.arrived ?? 0)).slice(0, ROWS_SHOWN);
  }, [loaded]);

  return (
    <aside
      className="kpi journeys"
      data-testid="journeys-panel"
      data-search={search.kind === 'plate' ? search.plate : ''}
      data-loading={loading}
    >
      <header className="kpi__header">
        <h2>{t('journeys.heading')}</h2>
      </header>
      <form className="journeys__search" role="search" onSubmit={submit} data-testid="journeys-search">
        <input
          type="search"
          name="plate"
          value={draft}
          maxLength={64}
          placeholder={t('journeys.platePlaceholder')}
          aria-label={t('journeys.platePlaceholder')}
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(null);
          }}
        />
        <button type="submit" disabled={draft.trim() === ''}>
          {t('journeys.find')}
        </button>
        {search.kind === 'plate' && (
          <button type="button" onClick={backToRecent} data-testid="journeys-back">
            {t('journeys.backToRecent')}
          </button>
        )}
      </form>
      {problem !== null && (
        <p className="journeys__status journeys__status--refused" role="alert" data-testid="journeys-input-problem">
          {t(problem)}
        </p>
      )}
      <div className="journeys__filters">
        <select
          aria-label={t('journeys.outcome')}
          value={outcome}
          onChange={(event) => setOutcome(event.target.value as JourneyOutcome | '')}
        >
          <option value="">{t('journeys.allOutcomes')}</option>
          {JOURNEY_OUTCOMES.map((name) => (
            <option key={name} value={name}>
              {t(OUTCOME_NAMES[name])}
            </option>
          ))}
        </select>
        <select aria-label={t('journeys.lane')} value={lane} onChange={(event) => setLane(event.target.value)}>
          <option value="">{t('journeys.allLanes')}</option>
          {lanes.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </div>
      <Status loaded={loaded} loading={loading} role={role} t={t} />
      {rows.length > 0 && (
        <div className="journeys__scroll">
          <table className="journeys__table" data-testid="journeys-table">
            <thead>
              <tr>
                <th scope="col">{t('journeys.plate')}</th>
                <th scope="col">{t('journeys.inLane')}</th>
                <th scope="col">{t('journeys.arrived')}</th>
                <th scope="col">{t('journeys.outcome')}</th>
                <th scope="col">{t('journeys.inspection')}</th>
                <th scope="col">{t('journeys.turn')}</th>
                <th scope="col">{t('journeys.slowest')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((journey) => {
                const key = keyOf(journey);
                return (
                  <JourneyRows
                    key={key}
                    journey={journey}
                    open={expanded === key}
                    onToggle={() => setExpanded((current) => (current === key ? null : key))}
                    t={t}
                  />
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </aside>
  );
}
