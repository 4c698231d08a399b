// The laptop's clearance tab: clearance time over the last hour by stage, in the order a truck
// meets them, with the bottleneck (堵点) named and its stage's lanes or scanners laid out, so a
// supervisor sees where trucks wait and at which asset. Figures dim and say "as of" when the
// link is not LIVE, as the KPI panel's do.
import { Fragment, memo, useState } from 'react';
import type { Bottleneck, ClearanceReport, ClearanceStage, StageDwell } from '@porttwin/contracts';
import { useClearanceStore } from '../store/clearance';
import { useLinkStatus } from '../store/clock';
import { formatClock, formatMinute } from '../format-time';
import { useT, type Translate } from '../i18n/use-language';
import { assetRows, bottleneckSentence, DWELL_STAGES, overallByStage, STAGE_LABELS } from './clearance-format';
import { duration, wholeNumber } from './kpi-format';

/** The sentence with the asset's id unbroken: "SC-01" must not wrap at its hyphen. */
function keepWhole(sentence: string, assetId: string | null | undefined) {
  if (!assetId || !sentence.includes(assetId)) return sentence;
  const [before, ...after] = sentence.split(assetId);
  return (
    <>
      {before}
      <span className="clearance__nowrap">{assetId}</span>
      {after.join(assetId)}
    </>
  );
}

function Verdict({ bottleneck, t }: { bottleneck: Bottleneck | null; t: Translate }) {
  return (
    <p
      className={`clearance__verdict clearance__verdict--${bottleneck ? 'bottleneck' : 'calm'}`}
      data-testid="clearance-bottleneck"
      data-stage={bottleneck?.stage ?? ''}
      data-asset={bottleneck?.assetId ?? ''}
    >
      {keepWhole(bottleneckSentence(bottleneck, t), bottleneck?.assetId)}
    </p>
  );
}

function TurnHeadline({ turn, t }: { turn: StageDwell | undefined; t: Translate }) {
  return (
    <div className="clearance__turn" data-testid="clearance-turn" data-mean-sec={turn?.meanSec ?? ''}>
      <span className="kpi__tile-value">{duration(turn?.meanSec)}</span>
      <span className="kpi__tile-label">{t('clearance.turnHeadline')}</span>
      {turn && (
        <span className="clearance__turn-more">
          {t('clearance.p90', { value: duration(turn.p90Sec) })} ·{' '}
          {turn.count === 1 ? t('clearance.truckOne') : t('clearance.trucks', { count: turn.count })}
        </span>
      )}
    </div>
  );
}

function AssetTable({
  rows,
  stage,
  bottleneck,
  t,
}: {
  rows: StageDwell[];
  stage: ClearanceStage;
  bottleneck: Bottleneck | null;
  t: Translate;
}) {
  return (
    <table className="clearance__assets" data-testid={`clearance-assets-${stage}`}>
      <caption>{t('clearance.byAsset', { stage: t(STAGE_LABELS[stage]) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('clearance.asset')}</th>
          <th scope="col">{t('clearance.count')}</th>
          <th scope="col">{t('clearance.mean')}</th>
          <th scope="col">P90</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const named = bottleneck?.stage === stage && bottleneck.assetId === row.assetId;
          return (
            <tr
              key={row.assetId}
              data-asset={row.assetId}
              data-mean-sec={row.meanSec}
              className={named ? 'clearance__asset--bottleneck' : undefined}
            >
              <th scope="row">{row.assetId}</th>
              <td className="kpi__value">{wholeNumber(row.count)}</td>
              <td className="kpi__value">{duration(row.meanSec)}</td>
              <td className="kpi__value kpi__value--then">{duration(row.p90Sec)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface StageRowProps {
  stage: ClearanceStage;
  dwell: StageDwell | undefined;
  scaleSec: number;
  isBottleneck: boolean;
  expanded: boolean;
  canExpand: boolean;
  onToggle: () => void;
  t: Translate;
}

function StageRow({ stage, dwell, scaleSec, isBottleneck, expanded, canExpand, onToggle, t }: StageRowProps) {
  const width = (sec: number | undefined) => `${sec === undefined || scaleSec <= 0 ? 0 : Math.min(100, (sec / scaleSec) * 100)}%`;
  const name = t(STAGE_LABELS[stage]);
  return (
    <li
      className={`clearance__stage${isBottleneck ? ' clearance__stage--bottleneck' : ''}`}
      data-stage={stage}
      data-count={dwell?.count ?? 0}
      data-mean-sec={dwell?.meanSec ?? ''}
      data-p90-sec={dwell?.p90Sec ?? ''}
      data-bottleneck={isBottleneck}
    >
      <button
        type="button"
        className="clearance__stage-line"
        onClick={onToggle}
        disabled={!canExpand}
        aria-expanded={canExpand ? expanded : undefined}
        title={canExpand ? t('clearance.showAssets', { stage: name }) : undefined}
      >
        <span className="clearance__stage-name">
          {canExpand && <span className="clearance__caret">{expanded ? '▾' : '▸'}</span>}
          {name}
        </span>
        <span className="clearance__mean">{duration(dwell?.meanSec)}</span>
        <span className="clearance__p90">{dwell ? t('clearance.p90', { value: duration(dwell.p90Sec) }) : ''}</span>
      </button>
      {/* The p90 behind, the mean in front: how long most trucks wait, and how long the slow ones do. */}
      <div className="clearance__bar-row">
        <div className="clearance__bar" aria-hidden>
          <span className="clearance__bar-p90" style={{ width: width(dwell?.p90Sec) }} />
          <span className="clearance__bar-mean" style={{ width: width(dwell?.meanSec) }} />
        </div>
        {isBottleneck && <span className="clearance__tag">{t('clearance.bottleneckTag')}</span>}
      </div>
    </li>
  );
}

/** Re-renders only when a new report arrives (once a minute) or the language changes. */
const ClearanceBody = memo(function ClearanceBody({ report }: { report: ClearanceReport }) {
  const t = useT();
  const { bottleneck } = report;
  // Which stage's lanes are laid out: the bottleneck's until the supervisor picks another.
  const [chosen, choose] = useState<ClearanceStage | null | undefined>(undefined);
  const expanded = chosen === undefined ? (bottleneck?.stage ?? null) : chosen;
  const overall = overallByStage(report);
  const scaleSec = Math.max(0, ...DWELL_STAGES.map((stage) => overall.get(stage)?.p90Sec ?? 0));
  return (
    <div className="kpi__body clearance__body">
      <Verdict bottleneck={bottleneck} t={t} />
      <TurnHeadline turn={overall.get('turn')} t={t} />
      <div className="clearance__legend">
        <span className="clearance__key clearance__key--mean" /> {t('clearance.mean')}
        <span className="clearance__key clearance__key--p90" /> P90
      </div>
      <ol className="clearance__stages">
        {DWELL_STAGES.map((stage) => {
          const rows = assetRows(report, stage);
          const isExpanded = expanded === stage && rows.length > 0;
          return (
            <Fragment key={stage}>
              <StageRow
                stage={stage}
                dwell={overall.get(stage)}
                scaleSec={scaleSec}
                isBottleneck={bottleneck?.stage === stage}
                expanded={isExpanded}
                canExpand={rows.length > 0}
                onToggle={() => choose(isExpanded ? null : stage)}
                t={t}
              />
              {isExpanded && (
                <li className="clearance__stage-assets">
                  <AssetTable rows={rows} stage={stage} bottleneck={bottleneck} t={t} />
                </li>
              )}
            </Fragment>
          );
        })}
      </ol>
    </div>
  );
});

export function ClearancePanel() {
  const report = useClearanceStore((s) => s.clearance);
  const link = useLinkStatus();
  const t = useT();
  const live = link.state === 'LIVE';
  return (
    <aside className={`kpi clearance ${live ? 'kpi--live' : 'kpi--stale'}`} data-testid="clearance-panel" data-live={live}>
      <header className="kpi__header">
        <h2>{t('clearance.heading')}</h2>
        {report && (
          <span className="kpi__minute" data-testid="clearance-window" data-from={report.from} data-to={report.to}>
            {t('kpi.window', {
              minutes: Math.round((report.to - report.from) / 60_000),
              from: formatMinute(report.from),
              to: formatMinute(report.to),
            })}
          </span>
        )}
        {!live && (
          <span className="kpi__as-of" data-testid="clearance-as-of">
            {t('kpi.asOf', { time: link.asOf === null ? '–' : formatClock(link.asOf) })}
          </span>
        )}
      </header>
      {report === null ? <p className="kpi__none">{t('clearance.none')}</p> : <ClearanceBody report={report} />}
    </aside>
  );
}
