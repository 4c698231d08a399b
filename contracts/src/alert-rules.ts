// A site's alert rules and playbooks (the site alerts file, ALERTS_FILE; issue 10): what
// raises an alert, how severe it is, whether it resolves by itself, when it escalates, and
// the emergency plan's steps for each alert type.
import { Compile } from 'typebox/compile';
import Type from 'typebox';
import { AssetKindName } from './device-credentials';
import { schemaErrors } from './schema-errors';

/** Most severe first. */
export const ALERT_SEVERITIES = ['critical', 'major', 'minor', 'info'] as const;
export const AlertSeverity = Type.Union([Type.Literal('critical'), Type.Literal('major'), Type.Literal('minor'), Type.Literal('info')]);
export type AlertSeverity = Type.Static<typeof AlertSeverity>;

const Seconds = Type.Number({ minimum: 0, maximum: 7 * 86_400 });
const Name = Type.String({ minLength: 1, maxLength: 64 });
/** An event data field's wanted value, or any of several. */
const FieldValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
const DataMatch = Type.Record(Type.String({ minLength: 1 }), Type.Union([FieldValue, Type.Array(FieldValue, { minItems: 1 })]));

/** A metric of the latest telemetry over (or under) a threshold for at least `forSec`. */
export const MetricCondition = Type.Object(
  {
    kind: Type.Literal('metric'),
    metric: Name,
    over: Type.Optional(Type.Number()),
    under: Type.Optional(Type.Number()),
    forSec: Seconds,
  },
  { additionalProperties: false },
);

/** An event of a type whose data fields match; `clearedBy` is the event that ends it (a fault cleared). */
export const EventCondition = Type.Object(
  {
    kind: Type.Literal('event'),
    eventType: Name,
    data: Type.Optional(DataMatch),
    clearedBy: Type.Optional(
      Type.Object(
        {
          eventType: Name,
          /** Data fields the clearing event must share with the raising one (a fault's `code`). */
          sameFields: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** At least `count` matching events from one asset within `windowSec`. */
export const EventRateCondition = Type.Object(
  {
    kind: Type.Literal('eventRate'),
    eventType: Name,
    data: Type.Optional(DataMatch),
    count: Type.Integer({ minimum: 2 }),
    windowSec: Type.Number({ exclusiveMinimum: 0, maximum: 86_400 }),
  },
  { additionalProperties: false },
);

/** Nothing received from a device for `forSec`. */
export const SilentCondition = Type.Object(
  { kind: Type.Literal('silent'), forSec: Type.Number({ minimum: 1, maximum: 86_400 }) },
  { additionalProperties: false },
);

/** A device reporting one of `states` (offline, fault…) for at least `forSec`. */
export const StatusCondition = Type.Object(
  {
    kind: Type.Literal('status'),
    states: Type.Array(Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('fault'), Type.Literal('maintenance')]), {
      minItems: 1,
    }),
    forSec: Seconds,
  },
  { additionalProperties: false },
);

/** A clearance stage's dwell (the pushed clearance report, per lane or scanner) over its target. */
export const JourneyCondition = Type.Object(
  {
    kind: Type.Literal('journey'),
    stage: Type.Union([
      Type.Literal('gateQueue'),
      Type.Literal('portal'),
      Type.Literal('booth'),
      Type.Literal('scanQueue'),
      Type.Literal('scan'),
      Type.Literal('yard'),
      Type.Literal('outQueue'),
      Type.Literal('outBooth'),
      Type.Literal('turn'),
    ]),
    statistic: Type.Union([Type.Literal('meanSec'), Type.Literal('p90Sec')]),
    overSec: Type.Number({ exclusiveMinimum: 0 }),
    /** Dwells needed before the figure counts. */
    minCount: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

/** The gate forecast's expected queue or wait, in any bucket of the next hour, over a limit. */
export const ForecastCondition = Type.Object(
  {
    kind: Type.Literal('forecast'),
    measure: Type.Union([Type.Literal('expectedQueue'), Type.Literal('expectedWaitSec')]),
    over: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export const AlertCondition = Type.Union([
  MetricCondition,
  EventCondition,
  EventRateCondition,
  SilentCondition,
  StatusCondition,
  JourneyCondition,
  ForecastCondition,
]);
export type AlertCondition = Type.Static<typeof AlertCondition>;
export type AlertConditionKind = AlertCondition['kind'];

export const AlertRule = Type.Object(
  {
    /** Unique in the file; an alert names its rule by it. */
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }),
    /** The kind of trouble (fire, radiation, crane-fault…): what a playbook is written for. */
    type: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }),
    severity: AlertSeverity,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    /** Which assets it watches: by kind and/or id; none = every asset (journey and forecast rules: the site). */
    assets: Type.Optional(
      Type.Object(
        {
          kinds: Type.Optional(Type.Array(AssetKindName, { minItems: 1 })),
          ids: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    when: AlertCondition,
    /**
     * `auto`: resolved by the system once the condition has been clear for `clearAfterSec` (0 =
     * at once); `manual`: stays open until a person resolves it (smoke, radiation).
     */
    resolve: Type.Union([Type.Literal('auto'), Type.Literal('manual')]),
    /** How long the condition must stay clear before an auto alert resolves: a flapping device stays one alert. */
    clearAfterSec: Type.Optional(Seconds),
    /** Not acknowledged this long after it was raised: escalated (severity up one step, history noted). */
    escalateAfterSec: Type.Optional(Type.Number({ minimum: 1, maximum: 86_400 })),
  },
  { additionalProperties: false },
);
export type AlertRule = Type.Static<typeof AlertRule>;

export const AlertRulesFile = Type.Object(
  {
    site: Type.String({ minLength: 1 }),
    rules: Type.Array(AlertRule),
    /** Alert type → the steps of its emergency plan, in order. */
    playbooks: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1 })),
    ),
  },
  { additionalProperties: false },
);
export type AlertRulesFile = Type.Static<typeof AlertRulesFile>;

/** Without an alerts file: no rules, no playbooks. */
export const NO_ALERT_RULES = (site: string): AlertRulesFile => ({ site, rules: [], playbooks: {} });

const rulesValidator = Compile(AlertRulesFile);

export type AlertRulesCheck = { ok: true; rules: AlertRulesFile } | { ok: false; errors: string[] };

/** Checks a parsed alerts file; each error names its field (e.g. "rules.2.when.forSec"). */
export function checkAlertRules(value: unknown): AlertRulesCheck {
  if (!rulesValidator.Check(value)) {
    const errors = schemaErrors(rulesValidator.Errors(value));
    return { ok: false, errors };
  }
  const errors: string[] = [];
  const seen = new Set<string>();
  value.rules.forEach((rule, i) => {
    if (seen.has(rule.id)) errors.push(`rules.${i}.id: "${rule.id}" is the id of an earlier rule`);
    seen.add(rule.id);
    const when = rule.when;
    if (when.kind === 'metric' && (when.over === undefined) === (when.under === undefined))
      errors.push(`rules.${i}.when: a metric rule gives exactly one of over and under`);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules: value };
}
