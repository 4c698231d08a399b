// The next hour at the gate (GET /api/forecast, issue 9 part 4): expected inbound arrivals per
// 15 minutes per lane and for the site, the queue and wait they make with the lanes open now,
// and advice on lanes to open or close to keep the wait under its target.
import Type from 'typebox';

/** Forecasts are made in buckets of this many minutes. */
export const FORECAST_BUCKET_MINUTES = 15;

const Sec = Type.Number({ minimum: 0 });

/** One 15-minute bucket ahead. */
export const ForecastBucket = Type.Object({
  /** Epoch ms; buckets are aligned to the quarter hour. */
  start: Type.Number(),
  /** Expected arrivals in the bucket. */
  arrivals: Type.Number({ minimum: 0 }),
  /** Trucks the open lanes can process in the bucket. */
  capacity: Type.Number({ minimum: 0 }),
  /** Expected trucks waiting (mean over the bucket), and a truck's expected wait before service. */
  expectedQueue: Type.Number({ minimum: 0 }),
  expectedWaitSec: Sec,
});
export type ForecastBucket = Type.Static<typeof ForecastBucket>;

export const LaneForecast = Type.Object({
  assetId: Type.String(),
  open: Type.Boolean(),
  /** The lane's recent mean processing rate (trucks per hour while busy). */
  serviceRatePerHour: Type.Number({ minimum: 0 }),
  buckets: Type.Array(ForecastBucket),
});
export type LaneForecast = Type.Static<typeof LaneForecast>;

export const LaneAdvice = Type.Object({
  /** Open or close inbound lanes, or hold (the open lanes keep the wait under target). */
  action: Type.Union([Type.Literal('open'), Type.Literal('close'), Type.Literal('hold')]),
  /** How many lanes to open or close (0 on hold). */
  lanes: Type.Integer({ minimum: 0 }),
  /** Epoch ms by which to act; null on hold. */
  by: Type.Union([Type.Number(), Type.Null()]),
  /** The worst bucket's expected wait if the advice is followed. */
  expectedWaitSec: Sec,
  /** The advice in words (English), e.g. "open 2 more inbound lanes by 08:15 to keep the wait under 10 min". */
  message: Type.String(),
});
export type LaneAdvice = Type.Static<typeof LaneAdvice>;

export const Forecast = Type.Object({
  /** Epoch ms the forecast was made at. */
  at: Type.Number(),
  horizonMin: Type.Integer({ minimum: 1 }),
  bucketMinutes: Type.Literal(FORECAST_BUCKET_MINUTES),
  /** The wait the advice keeps under (the site targets file's gate wait). */
  targetWaitSec: Sec,
  site: Type.Object({
    lanesOpen: Type.Integer({ minimum: 0 }),
    lanesTotal: Type.Integer({ minimum: 0 }),
    buckets: Type.Array(ForecastBucket),
  }),
  lanes: Type.Array(LaneForecast),
  advice: LaneAdvice,
});
export type Forecast = Type.Static<typeof Forecast>;
